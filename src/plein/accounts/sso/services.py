"""Logging in through an identity provider: the one rule for both protocols, and unlinking."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from plein.core import audit
from plein.core.registries.access import may_enter
from plein.people.models import Person
from plein.people.services import person_create

from .identity import ExternalClaims, SignInRefused, department_from
from .models import ExternalIdentity

logger = logging.getLogger(__name__)


def _linked_person(claims: ExternalClaims) -> tuple[Person | None, ExternalIdentity | None]:
    """The person an identity is linked to, or the one the stable claim (employee number)
    names, with the identity to create for them (not saved)."""
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("person")
        .filter(protocol=claims.protocol, issuer=claims.issuer, subject=claims.subject)
        .first()
    )
    if identity is not None:
        return identity.person, identity
    if not claims.employee_number:
        return None, None
    person = Person.objects.filter(employee_number=claims.employee_number).first()
    if person is None:
        return None, None
    other = ExternalIdentity.objects.filter(
        person=person, protocol=claims.protocol, issuer=claims.issuer
    ).first()
    if other is not None:
        logger.warning(
            "SSO login refused: employee number %s belongs to person %s, who is linked to "
            "subject %r at %s, not to %r",
            claims.employee_number,
            person.pk,
            other.subject,
            claims.issuer,
            claims.subject,
        )
        raise SignInRefused(SignInRefused.CONFLICT)
    return person, ExternalIdentity(
        person=person, protocol=claims.protocol, issuer=claims.issuer, subject=claims.subject
    )


def _person_create(claims: ExternalClaims) -> Person:
    first_name, last_name = claims.names()
    if not (claims.email and first_name and last_name):
        raise SignInRefused(SignInRefused.INCOMPLETE, "e-mail address or name missing")
    try:
        return person_create(
            first_name=first_name,
            last_name=last_name,
            email=claims.email,
            employee_number=claims.employee_number or None,
            job_title=claims.job_title[:150],
            department=department_from(claims.department),
        )
    except ValidationError as error:
        raise SignInRefused(SignInRefused.INCOMPLETE, "; ".join(error.messages)) from error


@transaction.atomic
def identity_sign_in(*, claims: ExternalClaims, create_people: bool) -> Person:
    """The person who logs in with these claims, which the provider has vouched for.

    Found by the identity linked before; else by the stable claim (the employee number, the
    HR import's key), and then linked. Never by the e-mail address alone: an account with
    that address but no link is refused (and logged), since whoever controls an address at
    the provider would otherwise take over the account. With `create_people` someone unknown
    becomes a new person (names, e-mail, employee number, department and job title from the
    claims). Deactivated people and people a login gate keeps out are refused.
    Raises SignInRefused; nothing is written then.
    """
    if not (claims.issuer and claims.subject):
        raise SignInRefused(SignInRefused.INCOMPLETE, "issuer or subject missing")
    person, identity = _linked_person(claims)
    if person is None:
        if claims.email and Person.objects.filter(email__iexact=claims.email).exists():
            logger.warning(
                "SSO login refused: %s (subject %r at %s) matches an account by e-mail "
                "address only; it is not linked",
                claims.email,
                claims.subject,
                claims.issuer,
            )
            raise SignInRefused(SignInRefused.NOT_LINKED)
        if not create_people:
            raise SignInRefused(SignInRefused.UNKNOWN)
        person = _person_create(claims)
        identity = ExternalIdentity(
            person=person, protocol=claims.protocol, issuer=claims.issuer, subject=claims.subject
        )
        logger.info(
            "SSO: created person %s for subject %r at %s", person.pk, claims.subject, claims.issuer
        )
    assert identity is not None
    if not person.is_active:
        raise SignInRefused(SignInRefused.DEACTIVATED)
    if not may_enter(person):
        raise SignInRefused(SignInRefused.NOT_OPEN_YET)
    identity.last_login_at = timezone.now()
    linking = identity._state.adding
    try:
        with transaction.atomic():
            identity.save()
            if linking:
                _audit(audit.SSO_LINKED, identity, person, actor=person)
    except IntegrityError as error:
        # The same first login twice at once (a double click): the other one linked first.
        raise SignInRefused(SignInRefused.INVALID, "linked concurrently") from error
    return person


@transaction.atomic
def identity_unlink(*, identity: ExternalIdentity, actor: Person) -> None:
    """Remove a link between a person and their account at an identity provider. The next
    login with that account links again only through the stable claim (or creates no one)."""
    logger.info(
        "SSO: %s unlinked subject %r at %s from person %s",
        actor.pk,
        identity.subject,
        identity.issuer,
        identity.person_id,
    )
    _audit(audit.SSO_UNLINKED, identity, identity.person, actor=actor)
    identity.delete()


def _audit(
    action: audit.Action, identity: ExternalIdentity, person: Person, *, actor: Person
) -> None:
    details = {"protocol": identity.protocol, "issuer": identity.issuer}
    audit.record(
        action=action, actor=actor, target=person, target_label=person.full_name, details=details
    )
