"""The job that marks writing tasks done once their content exists (misses.tasks runs it every
15 minutes). Apart from services.py because it searches: search.selectors depends on
search.services, which uses misses.services."""

from __future__ import annotations

from ..models import SearchTask
from ..selectors import search_entries
from .services import search_task_done


def search_tasks_check() -> int:
    """Mark done each open task for which the search of its creator now finds an entry made
    after the task. A task whose creator is gone or deactivated is left open. Returns how many
    were marked done."""
    done = 0
    tasks = SearchTask.objects.filter(status=SearchTask.Status.OPEN).select_related("created_by")
    for task in tasks:
        creator = task.created_by
        if creator is None or not creator.is_active:
            continue
        found = search_entries(creator, task.term).filter(created_at__gt=task.created_at)
        if found.exists():
            search_task_done(task=task, reason=SearchTask.Reason.CONTENT)
            done += task.status == SearchTask.Status.DONE
    return done
