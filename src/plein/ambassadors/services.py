"""Every change to ambassadors goes through here.

Designating someone makes them a member of the ambassadors' space: a secret space with the web
address "ambassadors", made with the first designation (the community manager who designates
becomes its owner) and found again by that address. A community manager who designates and has
never been in the space joins it as moderator, so that every community manager who runs the
programme can reach it. Removing an ambassador takes them out of the space, unless they run it
(owner or moderator). The ambassador hears of both by e-mail.

An ambassador may be for a department, a location, both, or neither: an ambassador with neither
is for the whole organisation (see selectors.py for whom each helps).
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from plein.core.permissions import require as _require
from plein.core.selectors import branding_get
from plein.core.tasks import email_enqueue
from plein.people.models import Department, Location, Person
from plein.spaces.models import Membership, Space

from . import permissions
from .models import Ambassador
from .selectors import AMBASSADORS_SPACE_SLUG, scope_label

State = Membership.State
Role = Membership.Role


def _absolute(url: str) -> str:
    return str(settings.PLEIN_SITE_URL).rstrip("/") + url


# --- The ambassadors' space ------------------------------------------------------------------
# Memberships are written here directly: the spaces services act for a person (join, invite,
# remove), while this membership follows from a role the community manager gives.


def _join(space: Space, person: Person, role: str = Role.MEMBER) -> None:
    membership = Membership.objects.select_for_update().filter(space=space, person=person).first()
    if membership is None:
        Membership.objects.create(space=space, person=person, role=role, state=State.MEMBER)
    elif membership.state != State.MEMBER:
        membership.state = State.MEMBER
        membership.role = role
        membership.save(update_fields=["state", "role", "updated_at"])


def _space_for(by: Person) -> Space:
    """The ambassadors' space, made now (owned by `by`, with every current ambassador in it)
    if it does not exist yet. The name is in the organisation's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        space, created = Space.objects.get_or_create(
            slug=AMBASSADORS_SPACE_SLUG,
            defaults={
                "name": _("Ambassadors"),
                "description": _(
                    "For the intranet's ambassadors and community managers: share what "
                    "colleagues ask, what works and what does not, and help each other help "
                    "the rest."
                ),
                "kind": Space.Kind.SECRET,
                "created_by": by,
            },
        )
    if created:
        _join(space, by, Role.OWNER)
        for person in Person.objects.filter(is_active=True, ambassador__isnull=False):
            _join(space, person)
    elif not Membership.objects.filter(space=space, person=by).exists():
        _join(space, by, Role.MODERATOR)
    return space


def _leave(person: Person) -> None:
    membership = (
        Membership.objects.select_for_update()
        .filter(space__slug=AMBASSADORS_SPACE_SLUG, person=person, state=State.MEMBER)
        .first()
    )
    if membership is not None and membership.role == Role.MEMBER:
        membership.state = State.REMOVED
        membership.save(update_fields=["state", "updated_at"])


# --- E-mail ----------------------------------------------------------------------------------


def _email(ambassador: Ambassador, *, welcome: bool, space: Space | None) -> dict[str, str]:
    person = ambassador.person
    with translation.override(person.language or settings.LANGUAGE_CODE):
        scope = scope_label(ambassador)
        if welcome:
            subject = _("You are now an ambassador for %(scope)s") % {"scope": scope}
        else:
            subject = _("Thank you for being an ambassador")
        body = render_to_string(
            "ambassadors/email/welcome.txt" if welcome else "ambassadors/email/farewell.txt",
            {
                "person": person,
                "scope": scope,
                "site_name": branding_get().intranet_name,
                "space": space,
                "space_link": _absolute(space.get_absolute_url()) if space else "",
                "list_link": _absolute(reverse("ambassadors:list")),
            },
        )
    return {"subject": subject, "body": body}


def _mail_later(ambassador: Ambassador, *, welcome: bool, space: Space | None) -> None:
    person = ambassador.person
    if person.is_active and person.email:
        message = _email(ambassador, welcome=welcome, space=space)
        transaction.on_commit(partial(email_enqueue, to=[person.email], **message))


# --- Designating and removing ----------------------------------------------------------------


def ambassador_designate(
    *,
    by: Person,
    person: Person,
    department: Department | None = None,
    location: Location | None = None,
) -> Ambassador:
    """Make `person` ambassador for a department, a location, both or (neither) the whole
    organisation; for someone who already is one, change what they are ambassador for.

    A new ambassador joins the ambassadors' space and gets a welcoming e-mail.
    """
    _require(permissions.can_manage_ambassadors(by))
    if not person.is_active:
        raise ValidationError({"person": _("This person no longer works here.")})
    with transaction.atomic():
        ambassador = Ambassador.objects.select_for_update().filter(person=person).first()
        created = ambassador is None
        if ambassador is None:
            ambassador = Ambassador(person=person)
        ambassador.department = department
        ambassador.location = location
        ambassador.save()
        if created:
            space = _space_for(by)
            _join(space, person)
            _mail_later(ambassador, welcome=True, space=space)
    permissions.is_ambassador_remember(person, True)
    return ambassador


def ambassador_remove(*, by: Person, ambassador: Ambassador) -> None:
    """Stop someone being an ambassador. They leave the ambassadors' space unless they run it,
    and get an e-mail to thank them."""
    _require(permissions.can_manage_ambassadors(by))
    person = ambassador.person
    with transaction.atomic():
        deleted, _rows = Ambassador.objects.filter(pk=ambassador.pk).delete()
        if deleted:
            _leave(person)
            _mail_later(ambassador, welcome=False, space=None)
    permissions.is_ambassador_remember(person, False)
