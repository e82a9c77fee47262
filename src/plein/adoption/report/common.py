"""What every part of the weekly report shares: the two audiences, links and percentages."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import formats

from plein.core.paths import absolute_url

ORGANISATION = "organisation"
DEPARTMENT = "department"

NONE = "-"  # shown for a figure there is none of (no row a week before)


def report_to_heads() -> bool:
    return bool(getattr(settings, "PLEIN_ADOPTION_REPORT_TO_HEADS", True))


def site_url(name: str, *args: object) -> str:
    """The full address of a named URL."""
    return absolute_url(reverse(name, args=args))


def dashboard_url() -> str:
    try:
        return site_url("adoption:dashboard")
    except NoReverseMatch:
        return absolute_url("/adoption/")


def percent(value: float | None) -> str:
    if value is None:
        return NONE
    return f"{formats.number_format(value, 1, use_l10n=True)}%"
