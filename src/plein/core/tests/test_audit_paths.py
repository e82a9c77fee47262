"""Each write path that the audit log covers leaves its entry: who, what and about what."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from axes.signals import user_locked_out
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from plein.accounts import services as accounts
from plein.accounts.sso.identity import ExternalClaims
from plein.accounts.sso.models import ExternalIdentity
from plein.accounts.sso.services import identity_sign_in, identity_unlink
from plein.accounts.tokens import services as tokens
from plein.accounts.tokens.models import AccessToken, Scope
from plein.core import audit
from plein.core.audit.models import AuditEntry
from plein.core.services import branding_update
from plein.launch.models import LaunchPlan
from plein.launch.services import launch_phase_set
from plein.people.imports.apply import people_import_csv
from plein.people.tests.factories import PersonFactory
from plein.scim.services import scim_user_create
from plein.scim.users import UserData
from plein.spaces import services as spaces
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
from plein.webhooks import services as webhooks

pytestmark = pytest.mark.django_db

Admin = Any


def _roles(admin: Admin) -> object:
    person = PersonFactory()
    accounts.person_set_roles(person=person, roles={"editor"}, actor=admin)
    return person


def _deactivate(admin: Admin) -> object:
    person = PersonFactory()
    return accounts.person_deactivate(person=person, actor=admin)


def _reactivate(admin: Admin) -> object:
    person = PersonFactory(is_active=False)
    return accounts.person_reactivate(person=person, actor=admin)


def _branding(admin: Admin) -> object:
    return branding_update(
        intranet_name="Het Plein",
        primary_colour="#112233",
        accent_colour="#993300",
        actor=admin,
    )


def _launch_phase(admin: Admin) -> object:
    manager = PersonFactory(roles=["community_manager"])
    plan, _created = LaunchPlan.objects.get_or_create(pk=LaunchPlan.SINGLETON_PK)
    plan.pilot_people.add(PersonFactory())
    LaunchPlan.objects.filter(pk=plan.pk).update(
        phase=LaunchPlan.Phase.PREPARATION, launched_at=None
    )
    launch_phase_set(by=manager, phase=LaunchPlan.Phase.PILOT)
    return manager


def _space_with_owner(admin: Admin) -> Space:
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    MembershipFactory(space=space, person=admin, role=Membership.Role.OWNER)
    return space


def _space_kind(admin: Admin) -> object:
    space = _space_with_owner(admin)
    return spaces.space_update(
        space=space, actor=admin, name=space.name, description="", kind=Space.Kind.SECRET
    )


def _member_role(admin: Admin) -> object:
    space = _space_with_owner(admin)
    member = MembershipFactory(space=space).person
    return spaces.space_set_role(
        space=space, person=member, role=Membership.Role.MODERATOR, actor=admin
    )


def _member_removed(admin: Admin) -> object:
    space = _space_with_owner(admin)
    member = MembershipFactory(space=space).person
    return spaces.space_remove_member(space=space, person=member, actor=admin)


def _member_admitted(admin: Admin) -> object:
    space = _space_with_owner(admin)
    asking = MembershipFactory(space=space, state=Membership.State.REQUESTED).person
    return spaces.space_accept_request(space=space, person=asking, actor=admin)


def _token(admin: Admin) -> AccessToken:
    return tokens.token_create(
        actor=admin,
        name="Rapportage",
        scopes=[Scope.READ],
        expires_at=timezone.now() + timedelta(days=10),
    ).token


def _token_revoked(admin: Admin) -> object:
    return tokens.token_revoke(actor=admin, token=_token(admin))


def _webhook(admin: Admin) -> Any:
    return webhooks.webhook_create(
        by=admin,
        name="Teams",
        url="https://hooks.example.org/x?key=geheim",
        events=["post.created"],
    )


def _webhook_changed(admin: Admin) -> object:
    return webhooks.webhook_update(
        webhook=_webhook(admin),
        by=admin,
        name="Teams 2",
        url="https://hooks.example.org/y",
        events=["post.created"],
    )


def _webhook_deleted(admin: Admin) -> object:
    webhooks.webhook_delete(webhook=_webhook(admin), by=admin)
    return None


def _webhook_rotated(admin: Admin) -> object:
    return webhooks.webhook_secret_rotate(webhook=_webhook(admin), by=admin)


CLAIMS = ExternalClaims(
    protocol="oidc",
    issuer="https://login.example.org",
    subject="s-1",
    email="nieuw@example.org",
    first_name="Nina",
    last_name="Nieuw",
)


def _sso_linked(admin: Admin) -> object:
    return identity_sign_in(claims=CLAIMS, create_people=True)


def _sso_unlinked(admin: Admin) -> object:
    person = identity_sign_in(claims=CLAIMS, create_people=True)
    identity_unlink(identity=ExternalIdentity.objects.get(person=person), actor=admin)
    return person


def _hr_import(admin: Admin) -> object:
    text = (
        "employee_number,email,first_name,last_name\n"
        "1,a@example.org,Ans,Aa\n2,b@example.org,Bo,Bee\n"
    )
    return people_import_csv(file=io.BytesIO(text.encode()), actor=admin)


def _scim(admin: Admin) -> object:
    token = tokens.token_create(
        actor=admin, name="Entra", scopes=[Scope.SCIM], kind=AccessToken.Kind.APPLICATION
    ).token
    data = UserData(
        user_name="c@example.org", email="c@example.org", first_name="Cor", family_name="Cee"
    )
    return scim_user_create(data=data, token=token)


def _lockout(admin: Admin) -> object:
    request = RequestFactory().post("/login/", REMOTE_ADDR="192.0.2.7")
    for _attempt in range(2):  # axes tells at every attempt while locked: one entry
        user_locked_out.send("axes", request=request, username=admin.email, ip_address="192.0.2.7")
    return None


CASES: list[tuple[Callable[[Admin], object], str, dict[str, object]]] = [
    (_roles, "people.role_changed", {"added": ["editor"], "removed": []}),
    (_deactivate, "people.deactivated", {}),
    (_reactivate, "people.reactivated", {}),
    (_branding, "core.branding_changed", {}),
    (_launch_phase, "launch.phase_changed", {"from": "preparation", "to": "pilot"}),
    (_space_kind, "spaces.changed", {"kind": {"from": "closed", "to": "secret"}}),
    (_member_role, "spaces.member_role_changed", {"from": "member", "to": "moderator"}),
    (_member_removed, "spaces.member_removed", {"role": "member"}),
    (_member_admitted, "spaces.member_admitted", {}),
    (_token, "tokens.created", {"kind": "personal", "scopes": ["read"]}),
    (_token_revoked, "tokens.revoked", {}),
    (_webhook, "webhooks.created", {"host": "hooks.example.org", "events": ["post.created"]}),
    (_webhook_changed, "webhooks.changed", {}),
    (_webhook_deleted, "webhooks.deleted", {}),
    (_webhook_rotated, "webhooks.secret_rotated", {}),
    (_sso_linked, "sso.linked", {"protocol": "oidc", "issuer": "https://login.example.org"}),
    (_sso_unlinked, "sso.unlinked", {}),
    (_hr_import, "people.imported", {"rows": 2, "created": 2}),
    (_scim, "scim.changed", {"operation": "user.create"}),
    (_lockout, "accounts.locked_out", {"username": "?"}),
]


@pytest.mark.parametrize("do, code, details", CASES, ids=[case[1] for case in CASES])
def test_the_write_path_records_its_entry(do, code, details) -> None:  # type: ignore[no-untyped-def]
    admin = PersonFactory(roles=["administrator"])
    do(admin)
    entries = AuditEntry.objects.filter(action=code)
    assert entries.count() == 1, list(AuditEntry.objects.values_list("action", flat=True))
    entry = entries.get()
    for key, value in details.items():
        assert entry.details[key] == (admin.email if value == "?" else value), key
    if code == "accounts.locked_out":
        assert (entry.actor, entry.target_id, entry.ip_address) == (
            None,
            str(admin.pk),
            "192.0.2.7",
        )
    elif code not in ("launch.phase_changed", "sso.linked", "scim.changed"):
        assert entry.actor == admin
    assert "geheim" not in str(entry.details)


def test_a_refused_change_writes_no_entry() -> None:
    admin = PersonFactory(roles=["administrator"])
    with pytest.raises(ValidationError):
        accounts.person_deactivate(person=admin, actor=admin)  # not yourself
    assert not AuditEntry.objects.exists()


def test_exports_are_recorded_after_the_response(client) -> None:  # type: ignore[no-untyped-def]
    manager = PersonFactory(roles=["community_manager"])
    client.force_login(manager)
    response = client.get(reverse("adoption:export", args=["trend"]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=audit.EXPORTED.code)
    assert entry.actor == manager
    assert entry.details["file"].startswith("adoption-trend-")
    assert entry.ip_address == "127.0.0.1"


def test_a_change_made_in_a_request_says_where_it_came_from(client) -> None:  # type: ignore[no-untyped-def]
    admin = PersonFactory(roles=["administrator"])
    token = _token(admin)
    client.force_login(admin)
    response = client.post(
        reverse("manage:token_revoke", args=[token.pk]),
        REMOTE_ADDR="198.51.100.4",
        HTTP_USER_AGENT="Firefox/140",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=audit.TOKEN_REVOKED.code)
    assert (entry.actor, entry.ip_address, entry.user_agent) == (
        admin,
        "198.51.100.4",
        "Firefox/140",
    )
