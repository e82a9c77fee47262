"""The writing tasks page (editors and community managers: search.manage_best_bets), the
button that turns a term searched without result into a task, and the recording of a search
that found nothing (called by search.views.results).

Plain forms (POST, CSRF) that work without JavaScript; with htmx, "Turn into a task" swaps
only its own cell of the dashboard's row."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.after_response import after_response
from plein.core.permissions import require
from plein.core.redirects import redirect_next
from plein.people.http import AuthenticatedHttpRequest

from ..models import SearchTask
from ..permissions import can_manage_best_bets
from . import services
from .selectors import task_lists


def record_miss(request: AuthenticatedHttpRequest, *, q: str, found: bool, filtered: bool) -> None:
    """After the response: count a search that found nothing, if it was a plain search (no
    filter) and its first page (paging or reloading a filtered page says nothing new)."""
    first_page = request.GET.get("page", "1") in ("", "1")
    if request.method != "GET" or not request.user.is_authenticated:
        return
    if not found and not filtered and first_page:
        after_response(services.miss_record, person=request.user, term=q)


@login_required
@require_safe
def task_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The open writing tasks first, then the latest done ones."""
    require(can_manage_best_bets(request.user))
    return render(request, "search/tasks/list.html", {"lists": task_lists()})


@login_required
@require_POST
def task_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Turn a term into a writing task; back to where the button was (`next`), or for htmx the
    row's cell saying that the task is open."""
    require(can_manage_best_bets(request.user))
    term = request.POST.get("term", "")
    try:
        task = services.search_task_create(by=request.user, term=term)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect_next(request, reverse("search:tasks"))
    if getattr(request, "htmx", False):
        context = {"term": task.term, "task": task, "can_create": True}
        return render(request, "search/misses/partials/action.html", context)
    messages.success(
        request, _("“%(term)s” is now a writing task for the editors.") % {"term": task.term}
    )
    return redirect_next(request, reverse("search:tasks"))


@login_required
@require_POST
def task_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark a task done by hand, with an optional note."""
    require(can_manage_best_bets(request.user))
    task = get_object_or_404(SearchTask, pk=pk)
    services.search_task_done(
        task=task,
        reason=SearchTask.Reason.MANUAL,
        by=request.user,
        note=request.POST.get("note", ""),
    )
    messages.success(request, _("The task for “%(term)s” is done.") % {"term": task.term})
    return redirect("search:tasks")
