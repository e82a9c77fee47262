"""Reads about people, built on the rules in permissions.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Person
from .permissions import User, visible_people


@dataclass(frozen=True)
class Completeness:
    percentage: int
    missing: list[tuple[str, Promise]] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing


# (key, label, is-filled) — the key names the form field where it is fixed.
COMPLETENESS_ITEMS: tuple[tuple[str, Promise], ...] = (
    ("photo", _("a photo")),
    ("job_title", _("your job title")),
    ("department", _("your department")),
    ("location", _("your location")),
    ("phone", _("a phone number")),
    ("bio", _("something about yourself")),
    ("skills", _("skills")),
    ("interests", _("interests")),
)


def _is_filled(person: Person, key: str) -> bool:
    if key in ("skills", "interests"):
        # Uses prefetched tags when the caller loaded them, so lists stay at a fixed query count.
        return len(getattr(person, key).all()) > 0
    if key in ("department", "location"):
        return getattr(person, f"{key}_id") is not None
    return bool(getattr(person, key))


def profile_completeness(person: Person) -> Completeness:
    missing = [(key, label) for key, label in COMPLETENESS_ITEMS if not _is_filled(person, key)]
    filled = len(COMPLETENESS_ITEMS) - len(missing)
    return Completeness(round(100 * filled / len(COMPLETENESS_ITEMS)), missing)


def people_for_cards(queryset=None):  # type: ignore[no-untyped-def]
    """People with everything a person card shows, in a fixed number of queries."""
    qs = queryset if queryset is not None else Person.objects.all()
    return qs.select_related("department", "location")


def home_people(user: User) -> dict[str, object]:
    """For the start page: the newest colleagues and the people in your own department."""
    visible = visible_people(user).filter(is_active=True)
    since = timezone.now() - timedelta(days=30)
    new_colleagues = list(
        people_for_cards(visible.filter(date_joined__gte=since).exclude(pk=user.pk)).order_by(
            "-date_joined"
        )[:6]
    )
    department_id = getattr(user, "department_id", None)
    colleagues = (
        list(
            people_for_cards(visible.filter(department_id=department_id).exclude(pk=user.pk))[:8]
        )
        if department_id
        else []
    )
    return {"new_colleagues": new_colleagues, "department_colleagues": colleagues}


def person_with_profile(pk: int, user: User) -> Person | None:
    return (
        people_for_cards(visible_people(user))
        .select_related("manager")
        .prefetch_related(
            "skills",
            "interests",
            Prefetch("reports", queryset=Person.objects.filter(is_active=True)),
        )
        .filter(pk=pk)
        .first()
    )
