"""The start page's first step: make the intranet the browser's start page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.registries.firststeps import Person, Step, register
from plein.onboarding.firststeps import checklist_anchor, intranet_name

from .models import PersonalLayout
from .services import start_hint_dismiss


def _start_hint_dismissed(person: Person) -> QuerySet[Any]:
    # "Done, don't show this again" under the start page's own hint says the same thing.
    return PersonalLayout.objects.filter(person=person, hint_dismissed_at__isnull=False)


def _start_hint_dismiss(person: Person) -> None:
    start_hint_dismiss(person=person)


register(
    Step(
        key="start_page",
        label=lazy(lambda: _("Make %(name)s your start page") % {"name": intranet_name()}, str)(),
        help=gettext_lazy(
            "Then your browser opens with what matters today: the news, your agenda and what "
            "colleagues share."
        ),
        order=60,
        url=checklist_anchor("start_page"),
        confirmable=True,
        evidence=_start_hint_dismissed,
        on_confirm=_start_hint_dismiss,
        template="onboarding/steps/start_page.html",
    )
)
