"""The Management area: which apps have screens there for a person (an extension point).

The navigation shows "Management" to a person for whom any registered area is allowed (core's own
branding screen included); each app registers its rule in its `AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import Registry


@dataclass(frozen=True)
class ManagementArea:
    key: str
    order: int
    allowed: Callable[[Any], bool]  # called with the user: a permission rule, no query per item


AREAS: Registry[ManagementArea] = Registry("management areas")


def can_use_any(user: Any) -> bool:
    return any(area.allowed(user) for area in AREAS.all())
