"""Readiness check for the agenda: upcoming events, a training among them."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.paths import path
from plein.core.registries.readiness import (
    Check,
    Result,
    Threshold,
    at_least,
    mean_progress,
    register,
)

from .models import Event

MINIMUM = "events_minimum"
TRAININGS = "events_trainings"


def _events(values: dict[str, int]) -> Result:
    # A recurring event is one row per occurrence: a series counts once.
    training = Q(category=Event.Category.TRAINING)
    found = Event.objects.filter(ends_at__gt=timezone.now(), cancelled_at__isnull=True).aggregate(
        one_off=Count("pk", filter=Q(series__isnull=True)),
        recurring=Count("series", distinct=True),
        one_off_trainings=Count("pk", filter=Q(series__isnull=True) & training),
        recurring_trainings=Count("series", distinct=True, filter=training),
    )
    events = found["one_off"] + found["recurring"]
    trainings = found["one_off_trainings"] + found["recurring_trainings"]
    summary = _(
        "Upcoming events: %(events)s (wanted: at least %(minimum)s). Trainings among them: "
        "%(trainings)s (wanted: at least %(minimum_trainings)s)."
    ) % {
        "events": events,
        "trainings": trainings,
        "minimum": values[MINIMUM],
        "minimum_trainings": values[TRAININGS],
    }
    enough = at_least(events, values[MINIMUM], summary=summary)
    taught = at_least(trainings, values[TRAININGS], summary=summary)
    return Result(
        done=enough.done and taught.done,
        summary=summary,
        progress=mean_progress(enough, taught),
    )


register(
    Check(
        key="events",
        label=gettext_lazy("The agenda has upcoming events, a training among them"),
        order=40,
        evaluate=_events,
        fix_url=lambda: path("events:create"),
        thresholds=(
            Threshold(
                MINIMUM,
                gettext_lazy("Upcoming events"),
                3,
                gettext_lazy(
                    "At least this many events that have not yet ended or been "
                    "cancelled (a recurring event counts once)."
                ),
                maximum=1000,
            ),
            Threshold(
                TRAININGS,
                gettext_lazy("Upcoming trainings"),
                1,
                gettext_lazy(
                    "Of which at least this many in the category Training, for example "
                    "a session on how to use the intranet. 0 switches this off."
                ),
                maximum=1000,
            ),
        ),
    )
)
