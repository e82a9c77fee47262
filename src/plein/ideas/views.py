"""The ideas board and idea pages. Thin: parse, check, call one service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.forms import add_service_error
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.posts import selectors as post_selectors
from plein.posts.models import Post

from . import permissions, selectors, services
from .forms import BoardFilterForm, IdeaForm, StatusForm

IDEAS_PER_PAGE = 20


def _idea_or_404(request: AuthenticatedHttpRequest, pk: int) -> Post:
    post = selectors.idea_get(request.user, pk)
    if post is None:
        raise Http404
    return post


@login_required
@require_safe
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    partial = bool(request.htmx and not request.htmx.history_restore_request)  # type: ignore[attr-defined]
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    ideas = selectors.board(
        user,
        status=filters.get("status") or "",
        topic=filters.get("topic") or "",
        sort=filters.get("sort") or "votes",
    )
    page_obj = Paginator(ideas, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "ideas": selectors.board_decorate(list(page_obj.object_list), user),
        "filter_query": urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v]),
    }
    template = "ideas/partials/results.html" if partial else "ideas/board.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _idea_or_404(request, pk)
    can_set_status = permissions.can_set_status(request.user, post)
    idea = post.idea  # type: ignore[attr-defined]
    return render(
        request,
        "ideas/detail.html",
        {
            "post": post,
            "idea": idea,
            "comments": post_selectors.post_comments(request.user, post),
            "can_set_status": can_set_status,
            "status_form": StatusForm(initial={"status": idea.status, "note": idea.status_note})
            if can_set_status
            else None,
        },
    )


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_create_idea(request.user))
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.idea_create(
                author=request.user, title=data["title"], body=data["body"], topic=data["topic"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your idea is on the board."))
            return redirect("ideas:detail", post.pk)
    return render(request, "ideas/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _idea_or_404(request, pk)
    _require(permissions.can_vote(request.user, post))
    support = request.POST.get("support") == "1"
    count = services.idea_vote(person=request.user, post=post, support=support)
    if request.htmx:  # type: ignore[attr-defined]
        post.idea.vote_count = count  # type: ignore[attr-defined]
        post.my_vote = support  # type: ignore[attr-defined]
        return render(request, "ideas/partials/vote.html", {"post": post})
    if request.POST.get("next") == "board":
        return redirect("ideas:board")
    return redirect("ideas:detail", post.pk)


@login_required
def status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _idea_or_404(request, pk)
    _require(permissions.can_set_status(request.user, post))
    idea = post.idea  # type: ignore[attr-defined]
    form = StatusForm(
        request.POST if request.method == "POST" else None,
        initial={"status": idea.status, "note": idea.status_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_set_status(
                actor=request.user,
                post=post,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"] or "",
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The status has been set; followers get an e-mail."))
            return redirect("ideas:detail", post.pk)
    return render(
        request,
        "ideas/status.html",
        {"form": form, "post": post, "idea": idea},
        status=400 if form.errors else 200,
    )
