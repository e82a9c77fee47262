"""The readiness report: every registered readiness check, run once, weighed into a score.

The checks themselves are registered by the apps whose content they look at, in the registry
`plein.core.registries.readiness` (which explains how a check plugs in). This module lays the
community manager's thresholds (stored in `LaunchPlan.thresholds`) over the defaults, runs the
checks and computes the score: the weighted mean of the checks' progress, 0 to 100.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch

from plein.core.registries.readiness import Check, Result, Text, all_checks, all_thresholds

from ..selectors import launch_plan


@dataclass(frozen=True)
class Item:
    """A check with its result, as the checklist shows it."""

    check: Check
    result: Result
    fix_url: str

    @property
    def key(self) -> str:
        return self.check.key

    @property
    def label(self) -> Text:
        return self.check.label

    @property
    def done(self) -> bool:
        return self.result.done

    @property
    def percentage(self) -> int:
        return int(self.result.progress * 100)


@dataclass(frozen=True)
class Report:
    score: int
    items: list[Item] = field(default_factory=list)
    done: int = 0

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def open_items(self) -> list[Item]:
        return [item for item in self.items if not item.done]


def threshold_values() -> dict[str, int]:
    """Every threshold's value: the default, unless the launch plan stores a valid other one."""
    stored = launch_plan().thresholds or {}
    values = {}
    for threshold in all_thresholds():
        value = threshold.clean(stored.get(threshold.key))
        values[threshold.key] = threshold.default if value is None else value
    return values


def _fix_url(check: Check) -> str:
    try:
        return check.fix_url()
    except NoReverseMatch:  # the page is not there (an app switched off): no link
        return ""


def score_of(items: Iterable[Item]) -> int:
    """The weighted mean of the items' progress, 0 to 100; 100 only when every item is done."""
    items = list(items)
    total = sum(item.check.weight for item in items)
    if not total:
        return 0
    score = round(100 * sum(item.check.weight * item.result.progress for item in items) / total)
    return score if all(item.done for item in items) else min(score, 99)


def report() -> Report:
    """Run every check once (each costs a fixed number of queries)."""
    values = threshold_values()
    items = []
    for check in all_checks():
        result = check.evaluate(values)
        items.append(Item(check, result, result.fix_url or _fix_url(check)))
    return Report(score=score_of(items), items=items, done=sum(1 for item in items if item.done))
