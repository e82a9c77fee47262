"""Every change to kudos, badges and the spotlight goes through here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.permissions import require as _require
from plein.core.registries import search
from plein.core.services import position_move
from plein.notifications.models import Notification
from plein.people.models import Person
from plein.posts import tasks as notify
from plein.posts.models import Post
from plein.posts.services import post_create

from . import permissions
from .models import MESSAGE_MAX_LENGTH, Badge, KudosDetails, Spotlight

REINDEX_BATCH = 500


def kudos_give(*, giver: Person, recipient: Person, badge: Badge, message: str) -> Post:
    """Thank a colleague in public: a post on the giver's profile with the recipient and the
    badge, and a notification for the recipient."""
    _require(permissions.can_give_kudos(giver))
    if recipient.pk == giver.pk:
        raise ValidationError({"recipient": _("You cannot give kudos to yourself.")})
    if not recipient.is_active:
        raise ValidationError({"recipient": _("This colleague no longer works here.")})
    if not badge.is_active:
        raise ValidationError({"badge": _("This badge can no longer be given; choose another.")})
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write a few words about why.")})
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "message": _("Keep it short: at most %(max)s characters.")
                % {"max": MESSAGE_MAX_LENGTH}
            }
        )
    with transaction.atomic():
        post = post_create(author=giver, kind=Post.Kind.KUDOS, body=message)
        KudosDetails.objects.create(post=post, recipient=recipient, badge=badge)
        search.index("post", post)  # again, with the badge and whom it thanks
        post_id, recipient_id = post.pk, recipient.pk
        transaction.on_commit(
            lambda: notify.notify_later(
                notify.post_notify, post_id, [recipient_id], Notification.Kind.KUDOS
            )
        )
    return post


def kudos_reindex_recipients(*, people: Sequence[Person] | None = None) -> None:
    """Index again the kudos thanking these people: their names are in the kudos' entries (the
    kudos' hook in plein.core.registries.people); None (after an HR import): every kudos, in
    batches."""
    kudos = Post.objects.filter(kind=Post.Kind.KUDOS).order_by("pk")
    if people is not None:
        kudos = kudos.filter(kudos_details__recipient__in=[person.pk for person in people])
    last = 0
    while batch := list(kudos.filter(pk__gt=last)[:REINDEX_BATCH]):
        search.index_many("post", batch)
        last = batch[-1].pk


def _clean_badge(name: str, emoji: str, exclude: int | None = None) -> tuple[str, str]:
    name, emoji = " ".join(name.split()), emoji.strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the badge a name.")
    elif Badge.objects.filter(name__iexact=name).exclude(pk=exclude or 0).exists():
        errors["name"] = _("There is already a badge with this name.")
    if not emoji:
        errors["emoji"] = _("Choose an emoji for the badge.")
    if errors:
        raise ValidationError(errors)
    return name, emoji


def badge_create(*, actor: Person, name: str, emoji: str, description: str = "") -> Badge:
    _require(permissions.can_manage_badges(actor))
    name, emoji = _clean_badge(name, emoji)
    with transaction.atomic():
        last = Badge.objects.aggregate(last=Max("position"))["last"]
        return Badge.objects.create(
            name=name,
            emoji=emoji,
            description=description.strip(),
            position=0 if last is None else last + 1,
        )


def badge_update(
    *, actor: Person, badge: Badge, name: str, emoji: str, description: str = ""
) -> Badge:
    _require(permissions.can_manage_badges(actor))
    old_name = badge.name
    badge.name, badge.emoji = _clean_badge(name, emoji, exclude=badge.pk)
    badge.description = description.strip()
    with transaction.atomic():
        badge.save(update_fields=["name", "emoji", "description"])
        if badge.name != old_name:  # its kudos are found by its name
            search.index_many("post", list(Post.objects.filter(kudos_details__badge=badge)))
    return badge


def badge_set_active(*, actor: Person, badge: Badge, is_active: bool) -> Badge:
    """Offer a badge again, or stop offering it (kudos already given keep it)."""
    _require(permissions.can_manage_badges(actor))
    badge.is_active = is_active
    badge.save(update_fields=["is_active"])
    return badge


def badge_move(*, actor: Person, badge: Badge, direction: Literal["up", "down"]) -> None:
    """Swap the badge with its neighbour above or below; positions become 0..n-1."""
    _require(permissions.can_manage_badges(actor))
    with transaction.atomic():
        position_move(Badge.objects.all(), pk=badge.pk, direction=direction)


def _check_period(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date cannot lie before the start date.")})


def spotlight_create(
    *,
    actor: Person,
    starts_on: date,
    ends_on: date,
    person: Person | None = None,
    post: Post | None = None,
    message: str = "",
) -> Spotlight:
    """Put an active person or a post everyone may see in the spotlight for a period."""
    _require(permissions.can_manage_spotlight(actor))
    if (person is None) == (post is None):
        raise ValidationError(_("Choose a person or a post, not both."))
    if person is not None and not person.is_active:
        raise ValidationError({"person": _("Only active colleagues can be in the spotlight.")})
    if post is not None and not permissions.can_be_in_spotlight(post):
        raise ValidationError(
            {
                "post": _(
                    "Only a published post that everyone may see can be in the spotlight "
                    "(not in a closed or secret space, not for some departments or locations)."
                )
            }
        )
    _check_period(starts_on, ends_on)
    return Spotlight.objects.create(
        person=person,
        post=post,
        message=" ".join(message.split()),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )


def spotlight_update(
    *, actor: Person, spotlight: Spotlight, starts_on: date, ends_on: date, message: str = ""
) -> Spotlight:
    _require(permissions.can_manage_spotlight(actor))
    _check_period(starts_on, ends_on)
    spotlight.starts_on, spotlight.ends_on = starts_on, ends_on
    spotlight.message = " ".join(message.split())
    spotlight.save(update_fields=["starts_on", "ends_on", "message"])
    return spotlight


def spotlight_end(*, actor: Person, spotlight: Spotlight, today: date | None = None) -> None:
    """Take it out of the spotlight now: a planned one is dropped, a current one ends yesterday."""
    _require(permissions.can_manage_spotlight(actor))
    today = today or timezone.localdate()
    if spotlight.starts_on >= today:
        spotlight.delete()
    elif spotlight.ends_on >= today:
        spotlight.ends_on = today - timedelta(days=1)
        spotlight.save(update_fields=["ends_on"])
