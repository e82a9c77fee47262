"""Reads of searches without results and of the writing tasks, each in a fixed number of
queries.

Only terms that at least `min_people` different people searched for within the window are ever
returned with their figures (k-anonymity, as in the adoption figures): the caller passes its
k (adoption passes its min_group()); `min_people()` reads the same setting for the search app's
own pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Sum
from django.utils import timezone

from ..models import SearchMiss, SearchTask

SHOWN = 15  # terms on the dashboard
DONE_SHOWN = 50  # done tasks on the tasks page


def window_days() -> int:
    """How long searches without results are kept: PLEIN_SEARCH_MISS_DAYS (28)."""
    return int(getattr(settings, "PLEIN_SEARCH_MISS_DAYS", 28))


def window_start(today: date | None = None) -> date:
    """The first day of the window, today included."""
    return (today or timezone.localdate()) - timedelta(days=window_days() - 1)


def min_people() -> int:
    """Fewer different people than this are never shown: PLEIN_ADOPTION_MIN_GROUP (5), the
    same k as the adoption figures."""
    return int(getattr(settings, "PLEIN_ADOPTION_MIN_GROUP", 5))


@dataclass(frozen=True)
class Miss:
    term: str
    people: int  # different people, at least the k asked for
    searches: int
    last_day: date
    task: SearchTask | None  # the open writing task for the term, if any


def _counted(today: date | None) -> QuerySet[SearchMiss]:
    """The rows in the window that no done task has answered yet: a term's searches up to the
    day its task was done no longer count, later ones do."""
    answered = SearchTask.objects.filter(
        term=OuterRef("term"), status=SearchTask.Status.DONE, done_at__date__gte=OuterRef("day")
    )
    return SearchMiss.objects.filter(day__gte=window_start(today)).exclude(Exists(answered))


def misses(*, min_people: int, limit: int = SHOWN, today: date | None = None) -> list[Miss]:
    """The terms searched without result by at least `min_people` different people within the
    window and not answered by a done task: most people first, then most searches. Two
    queries."""
    rows = list(
        _counted(today)
        .values("term")
        .annotate(people=Count("token", distinct=True), searches=Sum("searches"), last=Max("day"))
        .filter(people__gte=max(min_people, 1))
        .order_by("-people", "-searches", "term")[:limit]
    )
    terms = [row["term"] for row in rows]
    tasks = {
        task.term: task
        for task in SearchTask.objects.filter(term__in=terms, status=SearchTask.Status.OPEN)
    }
    return [
        Miss(row["term"], row["people"], row["searches"], row["last"], tasks.get(row["term"]))
        for row in rows
    ]


def people_per_term(terms: list[str], *, today: date | None = None) -> dict[str, int]:
    """How many different people searched each term without result within the window. One
    query."""
    rows = (
        SearchMiss.objects.filter(term__in=terms, day__gte=window_start(today))
        .values("term")
        .annotate(people=Count("token", distinct=True))
        .order_by()
    )
    return {row["term"]: row["people"] for row in rows}


@dataclass(frozen=True)
class TaskRow:
    task: SearchTask
    people: int  # 0 when fewer than min_people() (not shown)


@dataclass(frozen=True)
class TaskLists:
    open: list[TaskRow]
    done: list[SearchTask]
    min_people: int
    days: int  # the window


def task_lists(*, now: datetime | None = None) -> TaskLists:
    """The open tasks (newest first) with how many people searched their term, and the latest
    done tasks. Three queries."""
    k = min_people()
    open_tasks = list(
        SearchTask.objects.filter(status=SearchTask.Status.OPEN).select_related("created_by")
    )
    today = timezone.localdate(now) if now is not None else None
    people = people_per_term([task.term for task in open_tasks], today=today)
    done = SearchTask.objects.filter(status=SearchTask.Status.DONE).select_related("created_by")
    return TaskLists(
        open=[
            TaskRow(task, count if (count := people.get(task.term, 0)) >= k else 0)
            for task in open_tasks
        ],
        done=list(done.order_by("-done_at", "-pk")[:DONE_SHOWN]),
        min_people=k,
        days=window_days(),
    )
