"""What a space's page shows besides the space itself: an extension point.

The spaces app renders a space's page; the apps above it add their part of the page's context
(the posts app: the space's stream), each in a fixed number of queries::

    SPACE_PAGE.register(SpacePageSection(key="stream", order=10, context=space_stream_context))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import Registry


@dataclass(frozen=True)
class SpacePageSection:
    key: str
    order: int
    context: Callable[[Any, Any], dict[str, Any]]  # (request, space) -> template context


SPACE_PAGE: Registry[SpacePageSection] = Registry("space page sections")


def space_page_context(request: Any, space: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for section in SPACE_PAGE.all():
        context.update(section.context(request, space))
    return context
