"""What happens to memberships of spaces, for whoever wants to hear it: an extension point.

The spaces app tells the listeners registered here, after commit, when someone is invited to a
space, asks to join one, or is let in after asking; it imports none of them. The notifications
app (a higher layer) registers the listener that tells the people concerned::

    SPACE_LISTENERS.register(SpaceListener(key="notifications", order=10, heard=space_event))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from . import Registry


class SpaceEventKind(StrEnum):
    INVITED = "invited"  # person_id was invited by actor_id
    REQUESTED = "requested"  # person_id asked to join
    ACCEPTED = "accepted"  # actor_id let person_id in, after they asked


@dataclass(frozen=True)
class SpaceEvent:
    kind: SpaceEventKind
    space_id: int
    person_id: int
    actor_id: int | None = None


@dataclass(frozen=True)
class SpaceListener:
    key: str
    order: int
    heard: Callable[[SpaceEvent], object]


SPACE_LISTENERS: Registry[SpaceListener] = Registry("space listeners")


def space_event_tell(event: SpaceEvent) -> None:
    """Tell every listener, in their order. Call it after commit (transaction.on_commit)."""
    for listener in SPACE_LISTENERS.all():
        listener.heard(event)
