"""The texts the launch materials print, in the active language."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.core.models import Branding


def _shorten(text: str, limit: int) -> str:
    """Whole sentences up to `limit` characters; failing that, whole words and an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:\u2013- ")
    return f"{cut}…"


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def _babel_locale() -> Locale:
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def launch_date_text(launch_date: dt.date | None) -> str:
    """ "Opens on Monday, March 2, 2026" / "Vanaf maandag 2 maart 2026", in the active language."""
    if launch_date is None:
        return ""
    if isinstance(launch_date, dt.datetime):  # LaunchPlan.launch_date is a moment in time
        launch_date = (
            timezone.localdate(launch_date)
            if timezone.is_aware(launch_date)
            else launch_date.date()
        )
    formatted = format_date(launch_date, format="full", locale=_babel_locale())
    if launch_date < timezone.localdate():
        return _("Open since %(date)s") % {"date": formatted}
    return _("Opens on %(date)s") % {"date": formatted}


def welcome_line(branding: Branding, limit: int) -> str:
    if branding.welcome:
        return _shorten(branding.welcome, limit)
    return _("Hi, I'm %(persona)s. Come and have a look: %(name)s is for all of us!") % {
        "persona": branding.persona_name,
        "name": branding.intranet_name,
    }


def display_url(url: str) -> str:
    """The login address as people type it: without https:// (browsers add it)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and not parts.query and not parts.fragment:
        return parts.netloc + parts.path
    return url


def first_steps() -> list[tuple[str, str]]:
    return [
        (
            _("Log in"),
            _("Scan the code or type the address. Log in with your work e-mail address."),
        ),
        (
            _("Complete your profile, with a photo"),
            _("A photo and a few lines about your work help colleagues find and recognise you."),
        ),
        (
            _("Join a space"),
            _("Under Spaces you find your team, your projects and what you care about."),
        ),
        (
            _("Follow colleagues"),
            _("Their posts then appear in the activity on your start page."),
        ),
        (
            _("React"),
            _("A reaction or a short comment shows that you read it, and encourages the writer."),
        ),
        (
            _("Ask a question"),
            _("Under Questions colleagues who know the answer help you. No question is too small."),
        ),
        (
            _("Add it to your phone's home screen"),
            _("Open the address in your phone's browser and choose “Add to Home screen”."),
        ),
    ]


def help_hint() -> str:
    return _("Stuck? Ask it under Questions, or ask an ambassador in your department.")
