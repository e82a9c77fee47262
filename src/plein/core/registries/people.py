"""What runs after people changed: hooks that higher apps register and plein.people calls.

The people app creates people, changes their department and imports them from HR, but it does
not know what depends on them (default spaces, for one). It calls `people_changed()` at the
moment something may need to follow, and every registered hook runs, in order:

    PEOPLE_CHANGED.register(
        PeopleChangedHook(key="spaces.default_spaces", order=10, run=default_spaces_sync)
    )                                                   # in SpacesConfig.ready()
    people_changed(people=[person])                     # in plein.people.services

A hook is called as `run(people=...)`: the people who changed, or None when everyone may have
(after an import, for example). It runs right away, inside the caller's transaction; the caller
decides when to call (plein.people.imports, for one, calls it once the import is committed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import Registry


@dataclass(frozen=True)
class PeopleChangedHook:
    key: str
    order: int
    run: Callable[..., object]  # run(people=Sequence[Person] | None); what it returns is ignored


PEOPLE_CHANGED: Registry[PeopleChangedHook] = Registry("people changed")


def people_changed(*, people: Sequence[Any] | None = None) -> None:
    """Run every hook for these people (None: all people may have changed)."""
    for hook in PEOPLE_CHANGED.all():
        hook.run(people=people)
