"""Question pages: the list (all, unanswered, answered, mine), the question with its answers,
the ask form with similar questions, votes, accepting, and the helpers."""

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
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.posts.models import Comment, Post
from plein.spaces import permissions as space_rules
from plein.spaces.selectors import person_by_email

from . import permissions, selectors, services
from .forms import TITLE_MAX, AnswerForm, AskForm, HelperForm
from .models import Helper


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def _question_or_404(request: AuthenticatedHttpRequest, pk: int) -> Post:
    post = selectors.question_get(request.user, pk)
    if post is None:
        raise Http404
    return post


def _answer_or_404(request: AuthenticatedHttpRequest, pk: int) -> Comment:
    answer = selectors.answer_get(request.user, pk)
    if answer is None:
        raise Http404
    return answer


def _answer_url(answer: Comment) -> str:
    return f"{reverse('questions:detail', args=[answer.post_id])}#answer-{answer.pk}"


@login_required
@require_safe
def question_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "all")
    if tab not in selectors.TABS:
        tab = "all"
    tag = request.GET.get("tag", "").strip().lstrip("#")[:64]
    space = None
    if slug := request.GET.get("space", ""):
        space = space_rules.spaces_with_visible_content(request.user).filter(slug=slug).first()
    page = selectors.question_list(
        request.user, tab=tab, tag=tag, space=space, page=request.GET.get("page")
    )
    context = {
        "page": page,
        "tab": tab,
        "tag": tag,
        "space": space,
        "spaces": space_rules.my_spaces(request.user).order_by("name"),
        "tabs": [
            ("all", _("All")),
            ("unanswered", _("Unanswered")),
            ("answered", _("Answered")),
            ("mine", _("My questions")),
            ("sent", _("Sent to you")),
        ],
        "can_ask": permissions.can_ask(request.user),
    }
    template = "questions/partials/list.html" if request.htmx else "questions/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _question_or_404(request, pk)
    return _detail_page(request, post, AnswerForm())


def _detail_page(
    request: AuthenticatedHttpRequest, post: Post, form: AnswerForm, status: int = 200
) -> HttpResponse:
    context = {
        "post": post,
        "answers": selectors.answers_of(request.user, post),
        "form": form,
    }
    return render(request, "questions/detail.html", context, status=status)


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _question_or_404(request, pk)
    _require(post.can_answer)  # type: ignore[attr-defined]
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            comment = services.answer_create(
                question=post, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect(_answer_url(comment))
    return _detail_page(request, post, form, status=400)


@login_required
@require_POST
def vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _answer_or_404(request, pk)
    _require(found.can_vote)  # type: ignore[attr-defined]
    services.answer_vote_set(
        answer=found, person=request.user, useful=request.POST.get("useful") == "1"
    )
    if request.htmx:  # type: ignore[attr-defined]
        found = _answer_or_404(request, pk)
        return render(request, "questions/partials/vote.html", {"answer": found})
    return redirect(_answer_url(found))


@login_required
@require_POST
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _answer_or_404(request, pk)
    post = _question_or_404(request, found.post_id)
    _require(post.can_accept)  # type: ignore[attr-defined]
    accepting = request.POST.get("accept") == "1"
    try:
        services.answer_accept(question=post, answer=found if accepting else None, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if accepting:
            messages.success(request, _("The answer has been accepted."))
        else:
            messages.success(request, _("The answer is no longer accepted."))
    return redirect(_answer_url(found))


@login_required
def ask(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_ask(request.user))
    spaces = space_rules.my_spaces(request.user).order_by("name")
    initial = {}
    if slug := request.GET.get("space"):
        initial["space"] = spaces.filter(slug=slug).first()
    form = AskForm(request.POST or None, spaces=spaces, initial=initial)
    similar: list[Post] = []
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.question_ask(
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    tags=data["tags"],
                    space=data["space"],
                    department=data["department"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your question has been posted."))
                return redirect("questions:detail", post.pk)
        similar = selectors.similar_questions(
            request.user, request.POST.get("title", "")[:TITLE_MAX]
        )
    context = {"form": form, "similar": similar, "title_typed": request.POST.get("title", "")}
    return render(request, "questions/ask.html", context, status=_status(form))


@login_required
@require_safe
def similar(request: AuthenticatedHttpRequest) -> HttpResponse:
    title = request.GET.get("title", "")[:TITLE_MAX]
    context = {"similar": selectors.similar_questions(request.user, title), "title_typed": title}
    return render(request, "questions/partials/similar.html", context)


@login_required
def helpers(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_view_helpers(request.user))
    can_manage = permissions.can_manage_helpers(request.user)
    form = HelperForm(request.POST or None)
    if request.method == "POST":
        _require(can_manage)
        if form.is_valid():
            data = form.cleaned_data
            person = person_by_email(data["email"])
            if person is None:
                form.add_error("email", _("No colleague has this e-mail address."))
            else:
                try:
                    services.helper_add(
                        by=request.user,
                        person=person,
                        department=data["department"],
                        topic=data["topic"],
                    )
                except ValidationError as error:
                    add_service_error(form, error)
                else:
                    messages.success(request, _("The helper has been added."))
                    return redirect("questions:helpers")
    context = {"helpers": selectors.helper_list(), "form": form, "can_manage": can_manage}
    return render(request, "questions/helpers.html", context, status=_status(form))


@login_required
@require_POST
def helper_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_helpers(request.user))
    helper = Helper.objects.filter(pk=pk).first()
    if helper is None:
        raise Http404
    services.helper_remove(by=request.user, helper=helper)
    messages.success(request, _("The helper has been removed."))
    return redirect("questions:helpers")
