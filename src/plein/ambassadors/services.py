"""Every change to ambassadors goes through here.

Designating someone makes them a member of the ambassadors' space: a secret space with the web
address "ambassadors", made with the first designation (the community manager who designates
becomes its owner) and found again by that address. A community manager who designates and has
never been in the space joins it as moderator, so that every community manager who runs the
programme can reach it. Removing an ambassador takes them out of the space, unless they run it
(owner or moderator). The ambassador hears of both by e-mail.

An ambassador may be for a department, a location, both, or neither: an ambassador with neither
is for the whole organisation (see selectors.py for whom each helps).

Evaluation rounds: a community manager opens a round (one at a time); every ambassador hears of
it by e-mail and it is announced, by the community manager, in the ambassadors' space. While it
is open, colleagues add tips, tops and flops and "+1" those of others; the community manager
closes it, or it closes by itself after its end date.
"""

from __future__ import annotations

import datetime
from typing import Final

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from plein.core.mail import Email, in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.permissions import require as _require
from plein.core.selectors import branding_get
from plein.people.models import Department, Location, Person
from plein.posts.services import post_create
from plein.spaces.models import Membership, Space

from . import permissions
from .models import Ambassador, EvaluationItem, EvaluationRound, EvaluationSupport
from .selectors import AMBASSADORS_SPACE_SLUG, scope_label

State = Membership.State
Role = Membership.Role


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


def _email(ambassador: Ambassador, *, welcome: bool, space: Space | None) -> Email:
    person = ambassador.person
    with in_language_of(person):
        scope = scope_label(ambassador)
        if welcome:
            subject = _("You are now an ambassador for %(scope)s") % {"scope": scope}
        else:
            subject = _("Thank you for being an ambassador")
        return render_email(
            subject=subject,
            text="ambassadors/email/welcome.txt" if welcome else "ambassadors/email/farewell.txt",
            context={
                "person": person,
                "scope": scope,
                "site_name": branding_get().intranet_name,
                "space": space,
                "space_link": absolute_url(space.get_absolute_url()) if space else "",
                "list_link": absolute_url(reverse("ambassadors:list")),
            },
        )


def _mail_later(ambassador: Ambassador, *, welcome: bool, space: Space | None) -> None:
    person = ambassador.person
    if person.is_active and person.email:
        _email(ambassador, welcome=welcome, space=space).enqueue_on_commit(to=[person.email])


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


# --- Evaluation rounds -----------------------------------------------------------------------

TITLE_MAX = EvaluationRound._meta.get_field("title").max_length or 200
TEXT_MAX = EvaluationItem._meta.get_field("text").max_length or 500


class _AuthorsDepartment:
    """The default for item_add's department: the author's own."""


AUTHORS_DEPARTMENT: Final = _AuthorsDepartment()


def _close_expired() -> None:
    """Mark rounds whose end date has passed as closed (they already count as closed)."""
    today = timezone.localdate()
    for evaluation in EvaluationRound.objects.select_for_update().filter(
        closed_at__isnull=True, ends_on__lt=today
    ):
        ending = datetime.datetime.combine(
            evaluation.ends_on + datetime.timedelta(days=1), datetime.time.min
        )
        evaluation.closed_at = timezone.make_aware(ending)
        evaluation.save(update_fields=["closed_at"])


def _round_email(evaluation: EvaluationRound, person: Person) -> Email:
    with in_language_of(person):
        return render_email(
            subject=_("Tips, tops and flops: %(title)s") % {"title": evaluation.title},
            text="ambassadors/email/evaluation_opened.txt",
            context={
                "person": person,
                "round": evaluation,
                "ends_on": formats.date_format(evaluation.ends_on, "DATE_FORMAT"),
                "site_name": branding_get().intranet_name,
                "link": absolute_url(evaluation.get_absolute_url()),
            },
        )


def _announce(evaluation: EvaluationRound, by: Person) -> None:
    space = _space_for(by)
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "ambassadors/evaluation_announcement.txt",
            {
                "round": evaluation,
                "ends_on": formats.date_format(evaluation.ends_on, "DATE_FORMAT"),
                "link": absolute_url(evaluation.get_absolute_url()),
            },
        ).strip()
    post_create(author=by, space=space, body=body)


def round_open(
    *, by: Person, title: str, ends_on: datetime.date, introduction: str = ""
) -> EvaluationRound:
    """Open an evaluation round until `ends_on` (inclusive). Only one round is open at a time.
    Every active ambassador gets an e-mail, and the round is announced in the ambassadors'
    space."""
    _require(permissions.can_manage_rounds(by))
    title = " ".join(title.split())
    introduction = introduction.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Give the round a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Keep the title under %(max)s characters.") % {"max": TITLE_MAX}
    if ends_on < timezone.localdate():
        errors["ends_on"] = _("Choose an end date from today on.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _close_expired()
        still_open = EvaluationRound.objects.select_for_update().filter(closed_at__isnull=True)
        current = still_open.first()
        if current is not None:
            raise ValidationError(
                _("The round “%(title)s” is still open. Close it before opening a new one.")
                % {"title": current.title}
            )
        evaluation = EvaluationRound.objects.create(
            title=title, introduction=introduction, ends_on=ends_on, opened_by=by
        )
        _announce(evaluation, by)
        for person in Person.objects.filter(is_active=True, ambassador__isnull=False).exclude(
            email=""
        ):
            _round_email(evaluation, person).enqueue_on_commit(to=[person.email])
    return evaluation


def round_close(*, by: Person, evaluation: EvaluationRound) -> None:
    """Close the round: nothing can be added or supported any more."""
    _require(permissions.can_manage_rounds(by))
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=evaluation.pk)
        if locked.closed_at is None:
            locked.closed_at = timezone.now()
            locked.closed_by = by
            locked.save(update_fields=["closed_at", "closed_by"])
    evaluation.closed_at, evaluation.closed_by = locked.closed_at, locked.closed_by


def item_add(
    *,
    by: Person,
    evaluation: EvaluationRound,
    kind: str,
    text: str,
    department: Department | _AuthorsDepartment | None = AUTHORS_DEPARTMENT,
    anonymous: bool = False,
) -> EvaluationItem:
    """Add a tip, top or flop to an open round. The department is the author's own unless
    another (or None) is given; `anonymous` hides the author's name from everyone."""
    text = " ".join(text.split())
    errors: dict[str, str] = {}
    if kind not in EvaluationItem.Kind.values:
        errors["kind"] = _("Choose tip, top or flop.")
    if not text:
        errors["text"] = _("Write your tip, top or flop.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("Keep it under %(max)s characters.") % {"max": TEXT_MAX}
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=evaluation.pk)
        _require(permissions.can_add_item(by, locked))
        if errors:
            raise ValidationError(errors)
        return EvaluationItem.objects.create(
            round=locked,
            author=by,
            kind=kind,
            text=text,
            department=by.department if isinstance(department, _AuthorsDepartment) else department,
            anonymous=anonymous,
        )


def item_support_toggle(*, by: Person, item: EvaluationItem) -> bool:
    """Give the item a "+1", or take it back. Returns whether `by` now supports it."""
    _require(permissions.can_support_item(by, item))
    with transaction.atomic():
        EvaluationRound.objects.select_for_update().get(pk=item.round_id)
        deleted, _rows = EvaluationSupport.objects.filter(item=item, person=by).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                EvaluationSupport.objects.create(item=item, person=by)
        except IntegrityError:  # a second click that overtook the first
            pass
        return True


def item_remove(*, by: Person, item: EvaluationItem) -> None:
    """Take an item off the board: its author while the round is open, a community manager
    always."""
    _require(permissions.can_remove_item(by, item))
    EvaluationItem.objects.filter(pk=item.pk).delete()
