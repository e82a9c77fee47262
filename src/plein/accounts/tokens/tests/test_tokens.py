"""Access tokens: made once, stored hashed, refused when revoked, expired or deactivated."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plein.accounts.tokens import services
from plein.accounts.tokens.models import AccessToken, Scope
from plein.accounts.tokens.permissions import can_revoke_token, can_view_token, visible_tokens
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _soon(days: int = 30):  # type: ignore[no-untyped-def]
    return timezone.now() + timedelta(days=days)


def _personal(person, **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("scopes", [Scope.READ])
    kwargs.setdefault("expires_at", _soon())
    return services.token_create(actor=person, name="Mijn script", **kwargs)


def test_a_personal_token_is_stored_as_a_digest_and_found_by_its_text() -> None:
    person = PersonFactory()
    made = _personal(person, scopes=[Scope.WRITE, Scope.READ])

    assert made.raw.startswith(made.token.prefix + "_")
    stored = AccessToken.objects.get()
    assert made.raw not in {stored.digest, stored.prefix, stored.name}
    assert stored.digest == services.digest(made.raw)
    assert stored.scopes == ["read", "write"]
    found = services.token_authenticate(raw=made.raw)
    assert found is not None and found.person == person and found.allows("write")
    assert found.last_used_at is not None


@pytest.mark.parametrize("raw", ["", "plein_", "nonsense", "plein_00000000_" + "x" * 43])
def test_unknown_text_finds_no_token(raw: str) -> None:
    _personal(PersonFactory())
    assert services.token_authenticate(raw=raw) is None


def test_a_revoked_token_is_refused_and_revoking_twice_is_harmless() -> None:
    person = PersonFactory()
    made = _personal(person)
    services.token_revoke(actor=person, token=made.token)
    services.token_revoke(actor=person, token=made.token)
    assert services.token_authenticate(raw=made.raw) is None
    assert AccessToken.objects.get().revoked_at is not None


def test_an_expired_token_is_refused() -> None:
    made = _personal(PersonFactory())
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert services.token_authenticate(raw=made.raw) is None


def test_the_token_of_a_deactivated_person_is_refused() -> None:
    person = PersonFactory()
    made = _personal(person)
    person.is_active = False
    person.save()
    assert services.token_authenticate(raw=made.raw) is None


def test_last_use_is_written_at_most_once_in_a_while(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    made = _personal(PersonFactory())
    services.token_authenticate(raw=made.raw)
    with django_assert_num_queries(1):  # only the lookup, no UPDATE
        services.token_authenticate(raw=made.raw)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"scopes": []}, "no_scopes"),
        ({"scopes": [Scope.SCIM]}, "scope"),
        ({"scopes": ["everything"]}, "scope"),
        ({"expires_at": None}, "too_long"),
        ({"expires_at": timezone.now() + timedelta(days=400)}, "too_long"),
        ({"expires_at": timezone.now() - timedelta(days=1)}, "expired"),
    ],
)
def test_a_personal_token_needs_scopes_of_its_own_and_an_expiry(kwargs, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        _personal(PersonFactory(), **kwargs)
    assert raised.value.code == code
    assert not AccessToken.objects.exists()


def test_a_token_needs_a_name() -> None:
    with pytest.raises(ValidationError):
        services.token_create(
            actor=PersonFactory(), name="  ", scopes=[Scope.READ], expires_at=_soon()
        )


def test_only_administrators_make_application_tokens() -> None:
    employee, acting = PersonFactory(), PersonFactory()
    with pytest.raises(PermissionDenied):
        services.token_create(
            actor=employee,
            name="Nieuwsbrief",
            scopes=[Scope.READ],
            kind="application",
            person=acting,
        )
    admin = PersonFactory(roles=["administrator"])
    made = services.token_create(
        actor=admin,
        name="Nieuwsbrief",
        scopes=[Scope.READ, Scope.NEWS],
        kind="application",
        person=acting,
    )
    assert made.token.person == acting and made.token.expires_at is None
    assert services.token_authenticate(raw=made.raw) == made.token


def test_an_application_token_acts_as_someone_unless_it_only_provisions() -> None:
    admin = PersonFactory(roles=["administrator"])
    with pytest.raises(ValidationError) as raised:
        services.token_create(
            actor=admin, name="Koppeling", scopes=[Scope.READ], kind="application"
        )
    assert raised.value.code == "no_person"
    scim = services.token_create(
        actor=admin, name="Entra ID", scopes=[Scope.SCIM], kind="application"
    )
    assert scim.token.person is None
    assert services.token_authenticate(raw=scim.raw) == scim.token


def test_an_application_token_cannot_act_as_a_deactivated_person() -> None:
    admin = PersonFactory(roles=["administrator"])
    gone = PersonFactory(is_active=False)
    with pytest.raises(ValidationError):
        services.token_create(
            actor=admin, name="Koppeling", scopes=[Scope.READ], kind="application", person=gone
        )


def test_who_sees_and_revokes_which_token() -> None:
    """The rule and the queryset filter agree for the owner, a colleague and an administrator."""
    owner, colleague = PersonFactory(), PersonFactory()
    admin = PersonFactory(roles=["administrator"])
    personal = _personal(owner).token
    application = services.token_create(
        actor=admin, name="Koppeling", scopes=[Scope.READ], kind="application", person=owner
    ).token
    expected = {
        owner: {personal},
        colleague: set(),
        admin: {personal, application},
    }
    for viewer, tokens in expected.items():
        assert set(visible_tokens(viewer)) == tokens
        for token in (personal, application):
            assert can_view_token(viewer, token) is (token in tokens)
            assert can_revoke_token(viewer, token) is (token in tokens)
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=colleague, token=personal)
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=owner, token=application)
