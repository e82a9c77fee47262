"""Recording usage events without slowing anything down.

`record(person, kind, …)` is cheap: it only builds an unsaved UsageEvent and puts it in a buffer.

- During a request (UsageEventMiddleware opens a buffer), everything recorded is written with ONE
  bulk INSERT after the response has been sent, so the person never waits for it.
- Inside a transaction, an event waits for the commit (transaction.on_commit, one callback per
  transaction or savepoint): nothing is recorded for a change that is rolled back. On commit it
  joins the request's buffer, or, outside a request (tasks, commands), the batch of that
  transaction is written with one bulk INSERT.
- Outside a transaction and a request, it is written at once.

On PostgreSQL that INSERT commits without waiting for the write-ahead log to reach the disk
(synchronous_commit off, for that transaction only): a crash may lose the last fraction of a
second of usage events, never other data, and the commit costs almost nothing.

A failure to write usage events is logged and never breaks what the person was doing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from .models import Kind, UsageEvent

logger = logging.getLogger(__name__)

# The buffer of the current request (None outside a request).
_request_buffer: ContextVar[list[UsageEvent] | None] = ContextVar(
    "plein_usage_events", default=None
)
# Per thread: the waiting batches of the open transaction, by savepoint.
_local = threading.local()

SUBJECT_LENGTH = UsageEvent._meta.get_field("subject").max_length or 20
DETAIL_LENGTH = UsageEvent._meta.get_field("detail").max_length or 200


class _Batch:
    """The events recorded at one savepoint level of a transaction, written on its commit."""

    def __init__(self, key: tuple[str, ...]) -> None:
        self.key = key
        self.events: list[UsageEvent] = []

    def __call__(self) -> None:  # the on_commit callback
        batches = _batches()
        if batches.get(self.key) is self:
            del batches[self.key]
        deliver(self.events)


def _batches() -> dict[tuple[str, ...], _Batch]:
    batches = getattr(_local, "batches", None)
    if batches is None:
        batches = _local.batches = {}
    return batches


def _waiting(connection: Any, batch: _Batch) -> bool:
    """Is the batch's on_commit callback still registered (not dropped by a rollback)?"""
    return any(entry[1] is batch for entry in connection.run_on_commit)


def record(
    person: Any,
    kind: str,
    *,
    subject: str = "",
    object_id: int | None = None,
    detail: str = "",
    count: int | None = None,
) -> None:
    """Note that `person` did `kind` (a Kind); written later, in bulk (see the module's text).

    Anonymous users and missing people are ignored, so callers need not check."""
    event = make_event(
        person, kind, subject=subject, object_id=object_id, detail=detail, count=count
    )
    if event is None:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        deliver([event])
        return
    batches = _batches()
    key = tuple(connection.savepoint_ids)
    batch = batches.get(key)
    if batch is None or not _waiting(connection, batch):
        batch = batches[key] = _Batch(key)
        transaction.on_commit(batch)
    batch.events.append(event)


def make_event(
    person: Any,
    kind: str,
    *,
    subject: str = "",
    object_id: int | None = None,
    detail: str = "",
    count: int | None = None,
) -> UsageEvent | None:
    """An unsaved event; None for an anonymous user or no one."""
    person_id = getattr(person, "pk", person)
    if not person_id or not getattr(person, "is_authenticated", True):
        return None
    return UsageEvent(
        at=timezone.now(),
        person_id=person_id,
        kind=Kind(kind).value,
        subject=(subject or "")[:SUBJECT_LENGTH],
        object_id=object_id,
        detail=(detail or "")[:DETAIL_LENGTH],
        count=count,
    )


def record_now(person: Any, kind: str, **fields: Any) -> None:
    """Like record(), but not tied to a transaction: for what happened whatever the database
    did (a visit, a view). Joins the request's buffer, or is written at once."""
    event = make_event(person, kind, **fields)
    if event is not None:
        deliver([event])


def deliver(events: list[UsageEvent]) -> None:
    """Events that may be written now: into the request's buffer, or straight to the database."""
    if not events:
        return
    buffer = _request_buffer.get()
    if buffer is not None:
        buffer.extend(events)
    else:
        write(events)


def write(events: list[UsageEvent]) -> int:
    """One bulk INSERT; a failure is logged, not raised."""
    if not events:
        return 0
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Only in a transaction of its own: inside someone else's, SET LOCAL would make
            # their commit asynchronous too.
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                UsageEvent.objects.bulk_create(events, batch_size=1000)
        else:
            UsageEvent.objects.bulk_create(events, batch_size=1000)
    except Exception:
        logger.exception("Could not write %d usage events", len(events))
        return 0
    return len(events)


@contextmanager
def collecting() -> Iterator[list[UsageEvent]]:
    """Collect what is recorded inside into the list it gives; writing it is the caller's."""
    events: list[UsageEvent] = []
    token = _request_buffer.set(events)
    try:
        yield events
    finally:
        _request_buffer.reset(token)


@contextmanager
def buffered() -> Iterator[list[UsageEvent]]:
    """Collect what is recorded inside, and write it with one INSERT at the end."""
    with collecting() as events:
        try:
            yield events
        finally:
            write(events)
