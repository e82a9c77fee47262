"""Readiness checks: is there enough in the intranet to open it? (the "empty disco" check)

A check looks at the data and says whether one thing is ready (default spaces are lively, there
is news, the agenda has events, the branding is set...), how far along it is and where it is
fixed. The launch app runs them all (`plein.launch.readiness.report`) and weighs them into a
score from 0 to 100; this module is only the extension point, so that the content being checked
never imports the launch toolkit.

How a check plugs in
--------------------
An app with something to check writes a module `readiness.py` that registers its checks, and
imports it from its `AppConfig.ready()`::

    from django.utils.translation import gettext_lazy as _

    from plein.core.paths import path
    from plein.core.registries.readiness import Check, Result, Threshold, at_least, register

    def _evaluate(values: dict[str, int]) -> Result:
        count = Recipe.objects.count()  # a fixed, small number of queries, whatever the size
        return at_least(count, values["recipes_minimum"], ...)

    register(
        Check(
            key="recipes",
            label=_("Recipes are shared"),
            order=45,  # where it appears in the checklist
            evaluate=_evaluate,
            fix_url=lambda: path("recipes:create"),  # called lazily, when a page is shown
            thresholds=(Threshold("recipes_minimum", _("Recipes"), 3, _("At least this many.")),),
        )
    )

A new content type is one new module; the checklist, the score and the thresholds form (which is
generated from the registered thresholds) follow. Threshold keys are global: prefix them with
the check's key. A threshold of 0 switches a count or share requirement off (the item counts as
done). The community manager's values are stored by the launch app, which lays them over the
defaults and passes them to `evaluate`.

`Result.fix_url` and `Result.details` let a check point at the very thing to fix (the first
space without recent posts, the managers whose profiles are incomplete), found in the same
queries; otherwise the check's own `fix_url` is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from . import Registry

Text = str | Promise
DETAILS_SHOWN = 5  # at most this many specific things per item, e.g. departments without X


@dataclass(frozen=True)
class Threshold:
    """A number the community manager may change, such as "at least 3 news items"."""

    key: str
    label: Text
    default: int
    help: Text = ""
    minimum: int = 0
    maximum: int | None = None

    def clean(self, value: object) -> int | None:
        """The value as a valid whole number within bounds, or None."""
        if isinstance(value, bool) or not isinstance(value, int | str):
            return None
        try:
            number = int(value)
        except ValueError:
            return None
        if number < self.minimum or (self.maximum is not None and number > self.maximum):
            return None
        return number


class Link(NamedTuple):
    """One specific thing an item is about: text, and where to see it ("" for none)."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class Result:
    """What a check found. `progress` runs from 0 to 1; a done item counts as 1."""

    done: bool
    summary: str
    progress: float = 0.0
    fix_url: str = ""  # overrides the check's own fix_url when set
    details: tuple[Link, ...] = ()

    def __post_init__(self) -> None:
        progress = 1.0 if self.done else min(max(float(self.progress), 0.0), 1.0)
        object.__setattr__(self, "progress", progress)


Evaluate = Callable[[dict[str, int]], Result]


@dataclass(frozen=True)
class Check:
    key: str
    label: Text
    order: int
    evaluate: Evaluate
    fix_url: Callable[[], str]
    thresholds: tuple[Threshold, ...] = ()
    weight: float = 1


class _Checks(Registry[Check]):
    def register(self, item: Check) -> Check:
        """Add a check (registering the same key again replaces it); threshold keys are
        global, so a threshold another check uses already is refused."""
        owners = {t.key: c.key for c in self.all() if c.key != item.key for t in c.thresholds}
        for threshold in item.thresholds:
            if threshold.key in owners:
                raise ImproperlyConfigured(
                    f"Readiness threshold {threshold.key!r} of check {item.key!r} is already "
                    f"used by check {owners[threshold.key]!r}."
                )
            if threshold.clean(threshold.default) is None:
                raise ImproperlyConfigured(f"Readiness threshold {threshold.key!r}: bad default.")
        return super().register(item)


CHECKS = _Checks("readiness checks")
register = CHECKS.register


def all_checks() -> list[Check]:
    return CHECKS.all()


def all_thresholds() -> list[Threshold]:
    return [threshold for check in all_checks() for threshold in check.thresholds]


# -- helpers for the checks ------------------------------------------------------------------


def at_least(
    count: int, minimum: int, *, summary: str, fix_url: str = "", details: tuple[Link, ...] = ()
) -> Result:
    """Done when count reaches minimum (a minimum of 0 asks for nothing)."""
    progress = min(count / minimum, 1) if minimum > 0 else 1
    return Result(count >= minimum, summary, progress, fix_url, details)


def share(
    part: int,
    whole: int,
    minimum_percent: int,
    *,
    summary: str,
    fix_url: str = "",
    details: tuple[Link, ...] = (),
) -> Result:
    """Done when part is at least minimum_percent of whole; progress runs towards that share.
    Nothing to count (whole 0) is not done, unless the minimum is 0 (which asks for nothing)."""
    if minimum_percent <= 0:
        done, progress = True, 1.0
    elif whole <= 0:
        done, progress = False, 0.0
    else:
        done = part * 100 >= minimum_percent * whole
        progress = min(part * 100 / (minimum_percent * whole), 1)
    return Result(done, summary, progress, fix_url, details)


def percent(part: int, whole: int) -> int:
    """part as a whole percentage of whole, rounded down (so 79.6% never reads as 80%)."""
    return part * 100 // whole if whole else 0


def mean_progress(*results: Result) -> float:
    return sum(result.progress for result in results) / len(results) if results else 0.0
