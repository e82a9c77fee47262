"""Plein's roles are Django groups with a fixed set of permissions, kept in sync on every migrate
(roles_sync_after_migrate, connected to post_migrate in PeopleConfig.ready()).

Every active person is an employee; the other roles add rights on top. Later apps add their own
permissions to a role by extending ROLE_PERMISSIONS in their AppConfig.ready().
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    key: str
    label: Promise
    description: Promise


EDITOR = Role("editor", _("Editor"), _("Writes and publishes news and announcements for everyone."))
COMMUNITY_MANAGER = Role(
    "community_manager",
    _("Community manager"),
    _("Runs the intranet: branding, persona, launch and adoption."),
)
ADMINISTRATOR = Role(
    "administrator",
    _("Administrator"),
    _("Manages accounts, roles, the organisation and the import from HR."),
)
PROJECT_TEAM = Role(
    "project_team",
    _("Project team"),
    _("Prepares the launch: fills the intranet before it opens and follows the readiness check."),
)
ROLES: tuple[Role, ...] = (EDITOR, COMMUNITY_MANAGER, ADMINISTRATOR, PROJECT_TEAM)
ROLES_BY_KEY = {role.key: role for role in ROLES}
EMPLOYEE_LABEL = _("Employee")

ROLE_PERMISSIONS: dict[str, set[str]] = {
    EDITOR.key: {
        "posts.post_announcement",
        "posts.see_unpublished",
        "events.manage_events",
        "documents.manage_library",
        "search.manage_best_bets",
        "launch.enter_before_launch",
    },
    COMMUNITY_MANAGER.key: {
        "core.change_site_branding",
        "spaces.manage_default_spaces",
        "posts.post_announcement",
        "posts.moderate_posts",
        "posts.see_unpublished",
        "events.manage_events",
        "startpage.change_start_page",
        "kudos.manage_badges",
        "kudos.manage_spotlight",
        "documents.manage_library",
        "ideas.manage_ideas",
        "polls.run_contests",
        "questions.manage_helpers",
        "launch.manage_launch",
        "launch.enter_before_launch",
        "launch.view_launch_plan",
        "ambassadors.manage_ambassadors",
        "onboarding.manage_tips",
        "adoption.view_adoption",
        "search.manage_best_bets",
    },
    ADMINISTRATOR.key: {
        "core.change_site_branding",
        "people.manage_roles",
        "people.import_people",
        "people.manage_organisation",
        "spaces.manage_default_spaces",
        "launch.enter_before_launch",
        "core.view_audit_log",
    },
    PROJECT_TEAM.key: {
        "launch.enter_before_launch",
        "launch.view_launch_plan",
    },
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups and give each exactly its permissions."""
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.key)
        group.permissions.set([_permission(p) for p in sorted(ROLE_PERMISSIONS[role.key])])


def roles_sync_after_migrate(sender: AppConfig, **kwargs: object) -> None:
    """The post_migrate receiver: roles_sync() once every app has had its turn."""
    # Permissions are created by post_migrate for each app in turn; roles can only be given
    # every permission once the last app with models has had its turn.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        roles_sync()


def role_label(key: str) -> str:
    role = ROLES_BY_KEY.get(key)
    return str(role.label) if role else key
