"""Things that happened, told to whoever listens after the change is committed: an extension point.

The apps that write content and people (posts, news, events, people, accounts) do not know who
wants to hear about their changes (the webhooks, for one, in a higher layer). They call `emit()`
inside their write path; every registered listener is called once the transaction commits (at
once outside a transaction), with the events of that call::

    LISTENERS.register(Listener(key="webhooks", order=10, receive=webhooks_receive))
                                                        # in WebhooksConfig.ready()
    emit(Event(kind=POST_CREATED, object_id=post.pk, actor_id=author.pk, space_id=space.pk))
                                                        # in plein.posts.services.post_create

Nothing is emitted for a change that is rolled back. A listener gets ids, not objects: it loads
what it needs and checks what it may pass on. A listener that raises is logged and never undoes
the change or stops the other listeners.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.db import transaction

from . import Registry

logger = logging.getLogger(__name__)

# The kinds of event (the names webhooks send as their `type`).
POST_CREATED = "post.created"  # a post in a space
NEWS_PUBLISHED = "news.published"  # a news item appears (now, or at its planned moment)
EVENT_CREATED = "event.created"  # an event in the agenda (each occurrence of a series)
EVENT_UPDATED = "event.updated"
PERSON_JOINED = "person.joined"  # added, or switched on again (by hand or by the HR import)
PERSON_LEFT = "person.left"  # switched off (by hand or by the HR import)


@dataclass(frozen=True)
class Event:
    kind: str
    object_id: int
    actor_id: int | None = None  # who did it (None: an import, a job)
    space_id: int | None = None  # the space it happened in, if any
    at: datetime | None = None  # when it takes effect, when that is later (planned news)


@dataclass(frozen=True)
class Listener:
    key: str
    order: int
    receive: Callable[[Sequence[Event]], object]  # called after commit; what it returns is ignored


LISTENERS: Registry[Listener] = Registry("event listeners")


def _tell(events: tuple[Event, ...]) -> None:
    for listener in LISTENERS.all():
        try:
            listener.receive(events)
        except Exception:
            logger.exception("Listener %s failed on %d event(s)", listener.key, len(events))


def emit(*events: Event) -> None:
    """Tell every listener about these events once the current transaction commits."""
    if events and LISTENERS:
        transaction.on_commit(partial(_tell, tuple(events)))
