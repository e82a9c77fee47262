"""Who may log in at all right now: an extension point.

The login form asks every registered gate; the launch app registers one that lets only the
people who prepare the launch (and the pilot) in before the launch::

    GATES.register(EntryGate(key="launch", order=10, allows=can_enter))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import Registry


@dataclass(frozen=True)
class EntryGate:
    key: str
    order: int
    allows: Callable[[Any], bool]  # called with the person logging in


GATES: Registry[EntryGate] = Registry("entry gates")


def may_enter(person: Any) -> bool:
    return all(gate.allows(person) for gate in GATES.all())
