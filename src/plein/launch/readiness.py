"""The readiness check against the "empty disco": is there enough in the intranet to open it?

A check looks at the data and says whether one thing is ready (default spaces are lively, there
is news, the agenda has events, the branding is set...), how far along it is and where it is
fixed. The score is the weighted mean of the checks' progress, 0 to 100.

How a check plugs in
--------------------
There is no central list. Every app may have a module `readiness.py`; `LaunchConfig.ready()`
imports all of them (`autodiscover_modules("readiness")`), and each registers its own checks::

    from django.utils.translation import gettext_lazy as _

    from plein.core.paths import path
    from plein.launch.readiness import Check, Result, Threshold, at_least, register

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
done). The community manager's values are stored in `LaunchPlan.thresholds`; `threshold_values()`
lays them over the defaults.

`Result.fix_url` and `Result.details` let a check point at the very thing to fix (the first
space without recent posts, the managers whose profiles are incomplete), found in the same
queries; otherwise the check's own `fix_url` is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from plein.people.models import Department, Person
from plein.posts.models import Post

from .selectors import launch_plan

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


_REGISTRY: dict[str, Check] = {}


def register(check: Check) -> Check:
    """Add a check (registering the same key again replaces it)."""
    owners = {t.key: c.key for c in _REGISTRY.values() if c.key != check.key for t in c.thresholds}
    for threshold in check.thresholds:
        if threshold.key in owners:
            raise ImproperlyConfigured(
                f"Readiness threshold {threshold.key!r} of check {check.key!r} is already "
                f"used by check {owners[threshold.key]!r}."
            )
        if threshold.clean(threshold.default) is None:
            raise ImproperlyConfigured(f"Readiness threshold {threshold.key!r}: bad default.")
    _REGISTRY[check.key] = check
    return check


def all_checks() -> list[Check]:
    return sorted(_REGISTRY.values(), key=lambda check: (check.order, check.key))


def all_thresholds() -> list[Threshold]:
    return [threshold for check in all_checks() for threshold in check.thresholds]


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


def published_posts(kind: str) -> QuerySet[Post]:
    """Posts of a kind that everyone they are meant for can read now: not deleted, not planned
    ahead, not taken down."""
    now = timezone.now()
    return Post.objects.filter(
        Q(hidden_after__isnull=True) | Q(hidden_after__gt=now),
        kind=kind,
        deleted_at__isnull=True,
        created_at__lte=now,
    )


class _Departments(NamedTuple):
    staffed: dict[int, str]  # pk: name, of the departments with active people in them
    parents: dict[int, int | None]

    def chain(self, pk: int) -> list[int]:
        """The department and every department above it."""
        found: list[int] = []
        current: int | None = pk
        while current is not None and current not in found:  # a cycle in bad data ends it
            found.append(current)
            current = self.parents.get(current)
        return found


def _departments() -> _Departments:
    staffed = Person.objects.filter(department=OuterRef("pk"), is_active=True)
    rows = Department.objects.annotate(staffed=Exists(staffed)).order_by("name", "pk")
    found = _Departments({}, {})
    for pk, parent_id, name, has_people in rows.values_list("pk", "parent_id", "name", "staffed"):
        found.parents[pk] = parent_id
        if has_people:
            found.staffed[pk] = name
    return found


def department_coverage(
    reaching: Iterable[int],
    minimum_percent: int,
    *,
    summary: Callable[[int, int, int], str],
    uncovered: Callable[[str], str],
) -> Result:
    """How many departments with active people in them something reaches (a space, an
    ambassador...), given the departments it is for (`reaching`): something for a department
    reaches the departments below it too. Departments that only group others need nothing of
    their own and are not counted. One query, plus the ones `reaching` makes.

    `summary(covered, total, percent)` and `uncovered(department name)` word the result."""
    tree = _departments()
    reached = set(reaching)
    missing = [name for pk, name in tree.staffed.items() if reached.isdisjoint(tree.chain(pk))]
    total = len(tree.staffed)
    covered = total - len(missing)
    return share(
        covered,
        total,
        minimum_percent,
        summary=summary(covered, total, percent(covered, total))
        if total
        else _("There are no departments with people in them yet."),
        details=tuple(Link(uncovered(name)) for name in missing[:DETAILS_SHOWN]),
    )
