"""The write path of searches without results and of the writing tasks.

- `miss_record`: after the response of a search that found nothing (views.record_miss), one
  row per term, day and token, its `searches` counted up;
- `misses_prune`: the daily job deletes the rows older than the window;
- `search_task_create` / `search_task_done`: an editor's task to write the page for a term;
- `search_tasks_done_for_term`: a best bet was pinned for the term (services.best_bet_create).

The job that marks tasks done once their content exists is in checks.py: it searches
(search.selectors), and search.selectors depends on search.services, which uses this module.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from plein.core.permissions import require
from plein.people.models import Person

from ..models import SearchMiss, SearchTask, normalise_term
from ..permissions import can_manage_best_bets
from .selectors import window_start

KEY_SALT = "plein.search.miss"
TERM_LENGTH = 100
NOTE_LENGTH = 300


def miss_term(text: str) -> str:
    """The stored form of a search term: normalised, at most 100 characters."""
    return normalise_term(text)[:TERM_LENGTH].strip()


def miss_token(*, person_id: int, term: str) -> str:
    """A keyed one-way hash of the person and the term: the same person searching the same term
    gets the same token, but nobody without the server's secret key can tell whose it is, and
    one person's tokens for two terms differ."""
    return salted_hmac(KEY_SALT, f"{person_id}\x00{term}", algorithm="sha256").hexdigest()


def miss_record(*, person: Person, term: str, day: date | None = None) -> None:
    """Count a search for `term` by `person` that found nothing (no one is stored)."""
    term = miss_term(term)
    if not term:
        return
    key = {
        "term": term,
        "day": day or timezone.localdate(),
        "token": miss_token(person_id=person.pk, term=term),
    }
    with transaction.atomic():
        if SearchMiss.objects.filter(**key).update(searches=F("searches") + 1):
            return
        try:
            with transaction.atomic():
                SearchMiss.objects.create(**key)
        except IntegrityError:  # the same person's other request came first
            SearchMiss.objects.filter(**key).update(searches=F("searches") + 1)


def misses_prune(*, today: date | None = None) -> int:
    """Delete the rows from before the window; returns how many."""
    deleted, _counts = SearchMiss.objects.filter(day__lt=window_start(today)).delete()
    return deleted


def search_task_create(*, by: Person, term: str) -> SearchTask:
    """An open task to write the page for `term`; the one already open if there is one."""
    require(can_manage_best_bets(by))
    term = miss_term(term)
    if not term:
        raise ValidationError({"term": _("Enter the words people searched for.")})
    with transaction.atomic():
        existing = SearchTask.objects.filter(term=term, status=SearchTask.Status.OPEN).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                return SearchTask.objects.create(term=term, created_by=by)
        except IntegrityError:  # created at the same moment by someone else
            return SearchTask.objects.get(term=term, status=SearchTask.Status.OPEN)


def search_task_done(
    *, task: SearchTask, reason: str, by: Person | None = None, note: str = ""
) -> SearchTask:
    """Mark a task done, for a reason (SearchTask.Reason); `by` is the person marking it by hand
    (checked), None for the jobs. A task done already stays as it was."""
    if by is not None:
        require(can_manage_best_bets(by))
    if reason not in SearchTask.Reason.values:
        raise ValueError(reason)
    with transaction.atomic():
        done = SearchTask.objects.filter(pk=task.pk, status=SearchTask.Status.OPEN).update(
            status=SearchTask.Status.DONE,
            done_at=timezone.now(),
            done_reason=reason,
            note=" ".join(note.split())[:NOTE_LENGTH],
        )
    if done:
        task.refresh_from_db()
    return task


def search_tasks_done_for_term(*, term: str, reason: str) -> int:
    """Mark the open task for `term` (normalised here) done, in the caller's transaction."""
    return SearchTask.objects.filter(term=miss_term(term), status=SearchTask.Status.OPEN).update(
        status=SearchTask.Status.DONE, done_at=timezone.now(), done_reason=reason
    )
