"""News pages: the archive, an item, writing and editing, confirming and the read report.

Every action works as a plain form POST that redirects back; htmx requests get the partial that
changed instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.files import stored_image_response
from plein.core.forms import add_service_error
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.posts import selectors as post_selectors
from plein.posts.models import Post

from . import permissions, selectors, services
from .forms import ArchiveFilterForm, NewsForm
from .models import NewsItem

IMAGE_SIZES = {"thumb": "thumbnail", "large": "image"}


def _news_or_404(request: AuthenticatedHttpRequest, pk: int) -> Post:
    post = selectors.news_get(request.user, pk)
    if post is None:
        raise Http404
    return post


def _item(post: Post) -> NewsItem:
    item: NewsItem = post.news  # type: ignore[attr-defined]
    item.post = post
    return item


def _is_htmx(request: AuthenticatedHttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


@login_required
@require_safe
def archive(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ArchiveFilterForm(request.GET, years=selectors.archive_years(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ArchiveFilters(
        q=(data.get("q") or "").strip(),
        department=data.get("department"),
        location=data.get("location"),
        year=data.get("year"),
        month=data.get("month"),
        must_read=bool(data.get("must_read")),
        featured=bool(data.get("featured")),
    )
    page = selectors.news_archive(request.user, filters, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_write": permissions.can_write_news(request.user),
    }
    if _is_htmx(request):
        return render(request, "news/partials/archive_results.html", context)
    return render(request, "news/archive.html", context)


@login_required
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _news_or_404(request, pk)
    return render(
        request,
        "news/detail.html",
        {
            "post": post,
            "item": post.news,  # type: ignore[attr-defined]
            "comments": post_selectors.post_comments(request.user, post),
            "can_report": permissions.can_see_report(request.user, post),
        },
    )


@login_required
@require_safe
def image(request: AuthenticatedHttpRequest, pk: int, size: str) -> FileResponse:
    """A news item's picture (re-encoded by Plein as JPEG) to whoever may see the item."""
    if size not in IMAGE_SIZES:
        raise Http404
    post = _news_or_404(request, pk)
    return stored_image_response(
        getattr(post.news, IMAGE_SIZES[size]),  # type: ignore[attr-defined]
        content_type="image/jpeg",
        public=False,
    )


def _form_page(
    request: AuthenticatedHttpRequest, form: NewsForm, post: Post | None
) -> HttpResponse:
    return render(
        request,
        "news/form.html",
        {"form": form, "post": post, "item": getattr(post, "news", None)},
        status=400 if form.errors else 200,
    )


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_write_news(request.user))
    form = NewsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.news_create(
                author=request.user,
                title=data["title"],
                lead=data["lead"],
                body=data["body"],
                reach=form.reach,
                image=form.image_upload,
                attachments=data["attachments"],
                featured=data["featured"],
                must_read=data["must_read"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The news item has been saved."))
            return redirect("news:detail", item.pk)
    return _form_page(request, form, None)


@login_required
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _news_or_404(request, pk)
    _require(permissions.can_edit_news(request.user, post))
    item = _item(post)
    if request.method == "POST":
        form = NewsForm(request.POST, request.FILES, item=item)
    else:
        form = NewsForm(item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.news_update(
                item=item,
                editor=request.user,
                title=data["title"],
                lead=data["lead"],
                body=data["body"],
                reach=form.reach,
                image=form.image_upload,
                remove_image=bool(data.get("remove_image")),
                image_alt=data["image_alt"],
                attachments=data["attachments"],
                remove_attachment_ids=data.get("remove_attachments") or [],
                featured=data["featured"],
                must_read=data["must_read"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("news:detail", post.pk)
    return _form_page(request, form, post)


@login_required
@require_POST
def confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _news_or_404(request, pk)
    item = _item(post)
    services.news_confirm_read(item=item, person=request.user)
    item.confirmed_by_me = True  # type: ignore[attr-defined]
    if _is_htmx(request):
        return render(request, "news/partials/confirm_state.html", {"post": post, "item": item})
    messages.success(request, _("Thank you: you have confirmed that you read this."))
    return redirect("news:detail", post.pk)


@login_required
@require_safe
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _news_or_404(request, pk)
    _require(permissions.can_see_report(request.user, post))
    item = _item(post)
    return render(
        request,
        "news/report.html",
        {
            "post": post,
            "item": item,
            "report": selectors.read_report(item) if item.must_read else None,
        },
    )


@login_required
@require_POST
def remind(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _news_or_404(request, pk)
    try:
        sent = services.news_send_reminder(item=_item(post), editor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("A reminder has been sent to %(count)s people.") % {"count": sent},
        )
    return redirect("news:report", post.pk)
