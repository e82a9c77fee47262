"""Start-page widgets: an extension point.

A widget is a template and a function that gives its context for a request; each function costs
a fixed number of queries, whatever the number of items it shows. `wide` widgets go in the main
column, the others beside it (on a phone everything is one column, in the person's order).
`order` is where a widget comes by default; a person or the community manager may arrange them
differently (the startpage app keeps those layouts). The startpage app registers its own widgets;
the launch and adoption apps add the countdown and the department race.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from . import Registry

Context = Callable[[Any], dict[str, Any]]  # called with the (logged-in) request


@dataclass(frozen=True)
class Widget:
    key: str
    label: Promise
    template: str
    context: Context
    order: int
    wide: bool = False
    shown: bool = True  # shown unless a layout says otherwise
    # Whether the widget applies to this person right now (e.g. only before the launch);
    # None means always. Must cost no query per item.
    available: Callable[[Any], bool] | None = None


WIDGETS: Registry[Widget] = Registry("start-page widgets")
register = WIDGETS.register
get = WIDGETS.get
all_widgets = WIDGETS.all
