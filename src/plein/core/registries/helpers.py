"""Who a person turns to for help with the intranet: an extension point.

The questions app sends a question asked in the help place to the asker's helpers; the
ambassador programme (a higher layer) registers where those come from::

    HELPERS.register(HelperSource(key="ambassadors", order=10, of=ambassadors_of))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import Registry


@dataclass(frozen=True)
class HelperSource:
    key: str
    order: int
    # The active people who help this person (never the person), in a stable order.
    of: Callable[[Any], list[Any]]


HELPERS: Registry[HelperSource] = Registry("helpers")


def helpers_of(person: Any) -> list[Any]:
    """Every source's helpers of `person`, in the sources' order, each person once."""
    found: dict[int, Any] = {}
    for source in HELPERS.all():
        for helper in source.of(person):
            found.setdefault(helper.pk, helper)
    return list(found.values())
