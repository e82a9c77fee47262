"""Blog pages: the overview, a person's blog, a series, an entry, and the forms to write them.

Entries are posts: reactions, comments, following and deleting use the posts pages and actions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from plein.core.forms import add_service_error
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Person
from plein.posts import selectors as post_selectors
from plein.posts import services as post_services
from plein.posts.models import Post
from plein.posts.permissions import can_follow_person
from plein.posts.selectors import Cursor
from plein.posts.stream.views import render_stream, stream_context

from . import permissions, selectors, services
from .forms import EntryEditForm, EntryForm, SeriesForm
from .models import Series


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def _entry_or_404(request: AuthenticatedHttpRequest, pk: int) -> Post:
    post = selectors.entry_get(request.user, pk)
    if post is None:
        raise Http404
    return post


def _own_series_or_404(request: AuthenticatedHttpRequest, pk: int) -> Series:
    series = permissions.visible_series(request.user).filter(pk=pk).first()
    if series is None:
        raise Http404
    _require(permissions.can_edit_series(request.user, series))
    return series


def _cursor(request: AuthenticatedHttpRequest) -> Cursor | None:
    return Cursor.decode(request.GET.get("before"))


# -- reading ----------------------------------------------------------------------------------


@login_required
@require_safe
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    cursor = _cursor(request)
    page = selectors.overview_feed(request.user, cursor=cursor)
    context = stream_context(page, url=reverse("blogs:overview"), continued_from=cursor)
    if cursor is None:
        context["series_list"] = selectors.series_list(request.user)
    context["can_write"] = permissions.can_write_blog(request.user)
    return render_stream(request, "blogs/overview.html", context)


@login_required
@require_safe
def person_blog(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = Person.objects.filter(pk=pk, is_active=True).first()
    if person is None:
        raise Http404
    cursor = _cursor(request)
    page = selectors.person_blog(request.user, person, cursor=cursor)
    context = stream_context(
        page, url=reverse("blogs:person", args=[person.pk]), continued_from=cursor
    )
    is_own = person.pk == request.user.pk
    context |= {
        "person": person,
        "is_own": is_own,
        "can_write": is_own and permissions.can_write_blog(request.user),
        "can_follow": can_follow_person(request.user, person.pk),
    }
    if cursor is None:
        context["series_list"] = selectors.series_list(request.user, owner=person)
        context["is_following"] = person.pk in post_selectors.followed_people_ids(request.user)
    return render_stream(request, "blogs/person.html", context)


@login_required
@require_safe
def series_detail(request: AuthenticatedHttpRequest, person_pk: int, slug: str) -> HttpResponse:
    series = selectors.series_get(request.user, owner_pk=person_pk, slug=slug)
    if series is None:
        raise Http404
    cursor = _cursor(request)
    page = selectors.series_feed(request.user, series, cursor=cursor)
    context = stream_context(page, url=series.get_absolute_url(), continued_from=cursor)
    context |= {"series": series, "can_write": series.can_edit}  # type: ignore[attr-defined]
    return render_stream(request, "blogs/series.html", context)


@login_required
@require_safe
def series_by_pk(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    series = permissions.visible_series(request.user).filter(pk=pk).first()
    if series is None:
        raise Http404
    return redirect(series)


@login_required
@require_safe
def entry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _entry_or_404(request, pk)
    previous, following = selectors.series_neighbours(request.user, post)
    return render(
        request,
        "blogs/entry.html",
        {
            "post": post,
            "series": post.blog_series,  # type: ignore[attr-defined]
            "previous_entry": previous,
            "next_entry": following,
            "comments": post_selectors.post_comments(request.user, post),
        },
    )


# -- writing ----------------------------------------------------------------------------------


def _series_from_query(request: AuthenticatedHttpRequest) -> Series | None:
    value = request.GET.get("series", "")
    if not value.isdigit():
        return None
    return selectors.own_series(request.user).filter(pk=int(value)).first()


@login_required
def write(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_write_blog(request.user))
    own = selectors.own_series(request.user)
    if request.method != "POST":
        form = EntryForm(series=own, initial={"series": _series_from_query(request)})
    elif "preview" in request.POST:
        return _preview_page(request, EntryForm(series=own, initial=request.POST.dict()), own)
    else:
        form = EntryForm(request.POST, request.FILES, series=own)
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.blog_entry_create(
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    series=data["series"],
                    images=form.images,
                    attachments=data["attachments"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your blog entry has been published."))
                return redirect("blogs:entry", post.pk)
    return render(
        request,
        "blogs/entry_form.html",
        {"form": form, "has_series": own.exists()},
        status=_status(form),
    )


def _preview_page(
    request: AuthenticatedHttpRequest, form: Any, own: Any, post: Post | None = None
) -> HttpResponse:
    """The form again with what was typed and the text as it will look (without JavaScript;
    with it, the preview button asks posts:preview for the preview only)."""
    body = request.POST.get("body", "")
    html = post_services.render_body(body)[0].html if body.strip() else ""
    context = {"form": form, "post": post, "has_series": own.exists(), "preview_html": html}
    return render(request, "blogs/entry_form.html", context)


@login_required
def entry_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _entry_or_404(request, pk)
    _require(post.can_edit)  # type: ignore[attr-defined]
    own = selectors.own_series(post.author)
    series = post.blog_series  # type: ignore[attr-defined]
    form = EntryEditForm(
        request.POST or None,
        request.FILES or None,
        post=post,
        series=own,
        initial={"title": post.title, "body": post.body, "series": series},
    )
    if request.method == "POST" and "preview" in request.POST:
        initial = {**request.POST.dict(), "series": request.POST.get("series") or None}
        form = EntryEditForm(post=post, series=own, initial=initial)
        return _preview_page(request, form, own, post)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.blog_entry_update(
                post=post,
                editor=request.user,
                title=data["title"],
                body=data["body"],
                series=data["series"],
                images=form.images,
                attachments=data["attachments"],
                remove_image_ids=data["remove_images"],
                remove_attachment_ids=data["remove_attachments"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("blogs:entry", post.pk)
    return render(
        request,
        "blogs/entry_form.html",
        {"form": form, "post": post, "has_series": own.exists()},
        status=_status(form),
    )


@login_required
def series_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_write_blog(request.user))
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The series has been created."))
            return redirect(f"{reverse('blogs:write')}?series={series.pk}")
    return render(request, "blogs/series_form.html", {"form": form}, status=_status(form))


@login_required
def series_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    series = _own_series_or_404(request, pk)
    initial = {"title": series.title, "description": series.description}
    form = SeriesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_update(series=series, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(series)
    return render(
        request, "blogs/series_form.html", {"form": form, "series": series}, status=_status(form)
    )


@login_required
def series_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    series = _own_series_or_404(request, pk)
    if request.method != "POST":
        return render(request, "blogs/series_delete.html", {"series": series})
    services.series_delete(series=series, by=request.user)
    messages.success(request, _("The series has been deleted; its entries are still on your blog."))
    return redirect("blogs:person", request.user.pk)
