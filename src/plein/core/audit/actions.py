"""What the audit log records: each action's dotted code, its group and its label.

The codes are stored in the log, so a code once used is never renamed. The apps that write an
entry pass one of these codes to `plein.core.audit.record`; the groups are the log page's filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise


PEOPLE = Group("people", _("People and roles"))
SETTINGS = Group("settings", _("Branding and launch"))
SPACES = Group("spaces", _("Spaces and memberships"))
EXPORTS = Group("exports", _("Exports"))
INTEGRATIONS = Group("integrations", _("API, webhooks, sign-on and provisioning"))
SECURITY = Group("security", _("Lockouts"))
GROUPS: tuple[Group, ...] = (PEOPLE, SETTINGS, SPACES, EXPORTS, INTEGRATIONS, SECURITY)


@dataclass(frozen=True)
class Action:
    code: str
    group: Group
    label: Promise


ROLE_CHANGED = Action("people.role_changed", PEOPLE, _("Roles changed"))
DEACTIVATED = Action("people.deactivated", PEOPLE, _("Account deactivated"))
REACTIVATED = Action("people.reactivated", PEOPLE, _("Account reactivated"))
ERASED = Action("people.erased", PEOPLE, _("Personal data erased"))
HR_IMPORTED = Action("people.imported", PEOPLE, _("Import from HR"))
BRANDING_CHANGED = Action("core.branding_changed", SETTINGS, _("Branding changed"))
LAUNCH_PHASE_CHANGED = Action("launch.phase_changed", SETTINGS, _("Launch phase changed"))
WENT_LIVE = Action("launch.went_live", SETTINGS, _("Intranet went live"))
SPACE_CHANGED = Action("spaces.changed", SPACES, _("Space kind or visibility changed"))
MEMBER_ROLE_CHANGED = Action("spaces.member_role_changed", SPACES, _("Member's role changed"))
MEMBER_REMOVED = Action("spaces.member_removed", SPACES, _("Member removed"))
MEMBER_ADMITTED = Action("spaces.member_admitted", SPACES, _("Member admitted"))
EXPORTED = Action("exports.downloaded", EXPORTS, _("Data exported"))
AUDIT_EXPORTED = Action("exports.audit_log", EXPORTS, _("Audit log exported"))
TOKEN_CREATED = Action("tokens.created", INTEGRATIONS, _("Access token made"))
TOKEN_REVOKED = Action("tokens.revoked", INTEGRATIONS, _("Access token revoked"))
WEBHOOK_CREATED = Action("webhooks.created", INTEGRATIONS, _("Webhook added"))
WEBHOOK_CHANGED = Action("webhooks.changed", INTEGRATIONS, _("Webhook changed"))
WEBHOOK_DELETED = Action("webhooks.deleted", INTEGRATIONS, _("Webhook deleted"))
WEBHOOK_SECRET_ROTATED = Action(
    "webhooks.secret_rotated", INTEGRATIONS, _("Webhook signing secret renewed")
)
SSO_LINKED = Action("sso.linked", INTEGRATIONS, _("Work account linked"))
SSO_UNLINKED = Action("sso.unlinked", INTEGRATIONS, _("Work account unlinked"))
SCIM_CHANGED = Action("scim.changed", INTEGRATIONS, _("Change by provisioning (SCIM)"))
LOCKED_OUT = Action("accounts.locked_out", SECURITY, _("Locked out after failed logins"))

ACTIONS: dict[str, Action] = {
    action.code: action
    for action in (
        ROLE_CHANGED,
        DEACTIVATED,
        REACTIVATED,
        ERASED,
        HR_IMPORTED,
        BRANDING_CHANGED,
        LAUNCH_PHASE_CHANGED,
        WENT_LIVE,
        SPACE_CHANGED,
        MEMBER_ROLE_CHANGED,
        MEMBER_REMOVED,
        MEMBER_ADMITTED,
        EXPORTED,
        AUDIT_EXPORTED,
        TOKEN_CREATED,
        TOKEN_REVOKED,
        WEBHOOK_CREATED,
        WEBHOOK_CHANGED,
        WEBHOOK_DELETED,
        WEBHOOK_SECRET_ROTATED,
        SSO_LINKED,
        SSO_UNLINKED,
        SCIM_CHANGED,
        LOCKED_OUT,
    )
}


def label_of(code: str) -> str:
    """The action's label, or its code when it is unknown (an older or newer version wrote it)."""
    action = ACTIONS.get(code)
    return str(action.label) if action else code


def codes_of(group_key: str) -> list[str]:
    return [code for code, action in ACTIONS.items() if action.group.key == group_key]
