"""Polls in the stream (make, change, vote, close, who voted) and contests."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.forms import add_service_error
from plein.core.http import form_page as _form_page
from plein.core.permissions import require as _require
from plein.core.redirects import redirect_next
from plein.people.http import AuthenticatedHttpRequest
from plein.posts import permissions as post_rules
from plein.posts import selectors as post_selectors
from plein.posts.models import Post
from plein.spaces.models import Space
from plein.spaces.permissions import can_view_space

from . import permissions, selectors, services
from .forms import ContestForm, EntryForm, PollForm, rows_changed
from .models import Contest, Entry, PollDetails, Vote


def _is_htmx(request: AuthenticatedHttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _stream_of(post: Post) -> str:
    place = post.space.get_absolute_url() if post.space else post.author.get_absolute_url()
    return f"{place}#post-{post.pk}"


# -- polls ------------------------------------------------------------------------------------


def _space_from(request: AuthenticatedHttpRequest) -> Space | None:
    slug = request.POST.get("space") or request.GET.get("space") or ""
    if not slug:
        return None
    space = Space.objects.filter(slug=slug).first()
    if space is None or not can_view_space(request.user, space):
        raise Http404
    return space


@login_required
def poll_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    space = _space_from(request)
    if space is None:
        _require(post_rules.can_post_on_profile(request.user))
    else:
        _require(post_rules.can_post_in_space(request.user, space))
    if request.method == "POST":
        changed = rows_changed(request.POST)
        form = PollForm(changed if changed is not None else request.POST)
        if changed is None and form.is_valid():
            data = form.cleaned_data
            try:
                post = services.poll_create(
                    author=request.user,
                    question=data["question"],
                    description=data["description"],
                    space=space,
                    choices=form.choices(),
                    multiple=data["multiple"],
                    anonymous=data["anonymous"],
                    closes_at=data["closes_at"],
                    results_visibility=data["results_visibility"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your poll has been posted."))
                return redirect(_stream_of(post))
    else:
        form = PollForm()
    return _form_page(request, "polls/poll_form.html", {"form": form, "space": space})


def _poll_or_404(request: AuthenticatedHttpRequest, pk: int) -> Post:
    post = selectors.poll_post(request.user, pk)
    if post is None:
        raise Http404
    return post


@login_required
def poll_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _poll_or_404(request, pk)
    _require(post_rules.can_edit_post(request.user, post))
    details: PollDetails = post.poll_details
    locked = Vote.objects.filter(poll=details).exists()
    if request.method == "POST":
        changed = rows_changed(request.POST)
        form = PollForm(changed if changed is not None else request.POST, locked=locked)
        if changed is None and form.is_valid():
            data = form.cleaned_data
            try:
                services.poll_update(
                    post=post,
                    editor=request.user,
                    question=data["question"],
                    description=data["description"],
                    closes_at=data["closes_at"],
                    results_visibility=data["results_visibility"],
                    choices=None if locked else form.choices(),
                    multiple=None if locked else data["multiple"],
                    anonymous=None if locked else data["anonymous"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your poll has been changed."))
                return redirect(_stream_of(post))
    else:
        answers = [choice.text for choice in details.choices.all()]
        initial: dict[str, Any] = {
            "question": post.title,
            "description": "" if post.body == post.title else post.body,
            "rows": max(len(answers), 2),
            "multiple": details.multiple,
            "anonymous": details.anonymous,
            "closes_at": details.closes_at,
            "results_visibility": details.results_visibility,
        }
        initial.update({f"choice_{index}": text for index, text in enumerate(answers)})
        form = PollForm(initial=initial, locked=locked)
    return _form_page(
        request, "polls/poll_form.html", {"form": form, "space": post.space, "post": post}
    )


def _render_poll(request: AuthenticatedHttpRequest, pk: int, error: str = "") -> HttpResponse:
    post = post_selectors.post_get(request.user, pk)
    if post is None:
        raise Http404
    return render(
        request,
        "polls/partials/poll.html",
        {"post": post, "poll": post.poll, "poll_error": error},  # type: ignore[attr-defined]
        status=400 if error else 200,
    )


@login_required
@require_POST
def poll_vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _poll_or_404(request, pk)
    try:
        choice_ids = [int(value) for value in request.POST.getlist("choice")]
        services.poll_vote(person=request.user, post=post, choice_ids=choice_ids)
    except ValueError:
        error = _("Choose an answer.")
    except ValidationError as invalid:
        error = " ".join(invalid.messages)
    else:
        error = ""
    if _is_htmx(request):
        return _render_poll(request, pk, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Thank you for voting."))
    return redirect_next(request, _stream_of(post))


@login_required
@require_POST
def poll_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _poll_or_404(request, pk)
    services.poll_close(post=post, editor=request.user)
    if _is_htmx(request):
        return _render_poll(request, pk)
    messages.success(request, _("The poll has been closed."))
    return redirect_next(request, _stream_of(post))


@login_required
@require_safe
def poll_voters(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _poll_or_404(request, pk)
    details: PollDetails = post.poll_details
    has_voted = Vote.objects.filter(poll=details, person=request.user).exists()
    _require(permissions.can_see_voters(request.user, post, details, has_voted=has_voted))
    return render(
        request,
        "polls/voters.html",
        {"post": post, "voters": selectors.poll_voters(post)},
    )


# -- contests ---------------------------------------------------------------------------------


@login_required
@require_safe
def contests(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "polls/contests.html",
        {
            "contests": selectors.contests(request.user),
            "can_run": permissions.can_run_contest_in(request.user, None),
        },
    )


def _contest_or_404(request: AuthenticatedHttpRequest, pk: int) -> Contest:
    contest = selectors.contest_get(request.user, pk)
    if contest is None:
        raise Http404
    return contest


def _contest_context(
    request: AuthenticatedHttpRequest, contest: Contest, form: EntryForm | None = None
) -> dict[str, Any]:
    used = selectors.votes_used(request.user, contest)
    return {
        "contest": contest,
        "phase": contest.phase(),
        "entries": selectors.contest_entries(request.user, contest),
        "votes_used": used,
        "votes_left": max(contest.votes_per_person - used, 0),
        "can_vote": permissions.can_vote_in_contest(request.user, contest, votes_used=used),
        "can_submit": permissions.can_submit_entry(request.user, contest),
        "can_manage": permissions.can_manage_contest(request.user, contest),
        "can_announce": permissions.can_announce_winner(request.user, contest),
        "form": form or EntryForm(),
    }


@login_required
@require_safe
def contest(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _contest_or_404(request, pk)
    return render(request, "polls/contest.html", _contest_context(request, found))


@login_required
def contest_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    space = _space_from(request)
    _require(permissions.can_run_contest_in(request.user, space))
    form = ContestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.contest_create(
                creator=request.user, space=space, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The contest has been started."))
            return redirect(created.get_absolute_url())
    return _form_page(request, "polls/contest_form.html", {"form": form, "space": space})


@login_required
def contest_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _contest_or_404(request, pk)
    _require(permissions.can_manage_contest(request.user, found))
    initial = {
        "title": found.title,
        "description": found.description,
        "submissions_open_until": found.submissions_open_until,
        "voting_open_until": found.voting_open_until,
        "votes_per_person": found.votes_per_person,
    }
    form = ContestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contest_update(contest=found, editor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The contest has been changed."))
            return redirect(found.get_absolute_url())
    return _form_page(
        request, "polls/contest_form.html", {"form": form, "space": found.space, "contest": found}
    )


@login_required
@require_POST
def entry_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _contest_or_404(request, pk)
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            services.entry_submit(contest=found, person=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you for your proposal."))
            return redirect(f"{found.get_absolute_url()}#contest-entries")
    return render(request, "polls/contest.html", _contest_context(request, found, form), status=400)


@login_required
@require_POST
def entry_vote(request: AuthenticatedHttpRequest, pk: int, entry: int) -> HttpResponse:
    """Vote for a proposal, or (with undo) take the vote back."""
    found = _contest_or_404(request, pk)
    chosen = Entry.objects.filter(contest=found, pk=entry).select_related("contest").first()
    if chosen is None:
        raise Http404
    error = ""
    try:
        if request.POST.get("undo"):
            services.entry_unvote(entry=chosen, person=request.user)
        else:
            services.entry_vote(entry=chosen, person=request.user)
    except ValidationError as invalid:
        error = " ".join(invalid.messages)
    if _is_htmx(request):
        context = {**_contest_context(request, found), "vote_error": error}
        return render(request, "polls/partials/entries.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect(f"{found.get_absolute_url()}#entry-{chosen.pk}")


@login_required
@require_POST
def contest_announce(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _contest_or_404(request, pk)
    try:
        post = services.contest_announce(contest=found, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(found.get_absolute_url())
    messages.success(request, _("The winner has been announced in the stream."))
    return redirect(post.get_absolute_url())


def contests_url() -> str:
    return reverse("polls:contests")
