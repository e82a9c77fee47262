"""Recording what people do, for the adoption figures: the API every app records through.

    from plein.core.registries import usage

    usage.record(person, usage.Kind.POST, subject=post.kind, object_id=post.pk)

The content being measured never imports the adoption app: it records here, and the adoption app
(which owns the storage: UsageEvent, the buffering and the bulk writes, see
plein.adoption.events) registers itself as the recorder in its `AppConfig.ready()`. Without a
recorder (the adoption app not installed) recording does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import Registry


class Kind(models.TextChoices):
    VISIT = "visit", _("Visit")
    VIEW = "view", _("View")
    POST = "post", _("Post")
    COMMENT = "comment", _("Comment")
    REACTION = "reaction", _("Reaction")
    SEARCH = "search", _("Search")
    RSVP = "rsvp", _("Event answer")
    READ = "read", _("Read confirmation")
    VOTE = "vote", _("Vote")
    UPLOAD = "upload", _("Upload")
    EDIT = "edit", _("Edit")
    NUDGE = "nudge", _("Nudge")


@dataclass(frozen=True)
class Recorder:
    key: str
    order: int
    # record(person, kind, *, subject, object_id, detail, count): kept with the transaction
    # (nothing is recorded for a change that is rolled back).
    record: Callable[..., None]


RECORDERS: Registry[Recorder] = Registry("usage recorders")


def record(
    person: Any,
    kind: str,
    *,
    subject: str = "",
    object_id: int | None = None,
    detail: str = "",
    count: int | None = None,
) -> None:
    """Note that `person` did `kind` (a Kind), e.g. posted, about `subject`/`object_id`.
    Cheap: the recorder writes later, in bulk. Anonymous users and no one are ignored."""
    for recorder in RECORDERS.all():
        recorder.record(
            person, kind, subject=subject, object_id=object_id, detail=detail, count=count
        )
