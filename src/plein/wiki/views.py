from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.forms import add_service_error
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.posts.services import render_body
from plein.spaces.models import Space

from . import links, permissions, selectors, services
from .forms import MoveForm, PageForm
from .models import Page


def _space_or_404(request: AuthenticatedHttpRequest, space_slug: str) -> Space:
    space = selectors.wiki_space_get(request.user, space_slug)
    if space is None:
        raise Http404
    return space


def _page_or_404(request: AuthenticatedHttpRequest, space_slug: str, slug: str) -> Page:
    space = _space_or_404(request, space_slug)
    page = selectors.page_get(request.user, space, slug)
    if page is None:
        raise Http404
    return page


def _preview(request: AuthenticatedHttpRequest, space: Space, body: str) -> str | None:
    """Without JavaScript the preview button posts the form here: show the text as it will look."""
    if "preview" not in request.POST:
        return None
    html = render_body(body)[0].html if body.strip() else ""
    return links.link_pages(html, space=space, can_create=True)


@login_required
@require_safe
def index(request: AuthenticatedHttpRequest, space_slug: str) -> HttpResponse:
    space = _space_or_404(request, space_slug)
    tree = selectors.page_tree(space, with_editors=True)
    return render(
        request,
        "wiki/index.html",
        {
            "space": space,
            "tree": tree.roots,
            "page_count": len(tree.by_pk),
            "can_edit": permissions.can_edit_wiki(request.user, space),
        },
    )


@login_required
def create(request: AuthenticatedHttpRequest, space_slug: str) -> HttpResponse:
    space = _space_or_404(request, space_slug)
    _require(permissions.can_edit_wiki(request.user, space))
    tree = selectors.page_tree(space)
    preview = None
    if request.method == "POST":
        form = PageForm(request.POST, tree=tree)
        preview = _preview(request, space, request.POST.get("body", ""))
        if preview is None and form.is_valid():
            try:
                page = services.page_create(
                    space=space,
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    parent=form.cleaned_data.get("parent"),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The page has been created."))
                return redirect(page)
    else:
        parent = tree.by_pk.get(int(p)) if (p := request.GET.get("parent", "")).isdigit() else None
        form = PageForm(
            initial={"title": request.GET.get("title", "")[:200], "parent": parent and parent.page},
            tree=tree,
        )
    return render(
        request,
        "wiki/page_form.html",
        {"space": space, "form": form, "preview_html": preview},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def page(request: AuthenticatedHttpRequest, space_slug: str, slug: str) -> HttpResponse:
    page = _page_or_404(request, space_slug, slug)
    user = request.user
    tree = selectors.page_tree(page.space)
    children = tree.children(page)
    return render(
        request,
        "wiki/page.html",
        {
            "space": page.space,
            "page": page,
            "body_html": selectors.page_body(page, user),
            "ancestors": tree.ancestors(page),
            "children": children,
            "can_edit": permissions.can_edit_page(user, page),
            "can_move": permissions.can_move_page(user, page),
            "can_delete": permissions.can_delete_page(user, page, has_children=bool(children)),
        },
    )


@login_required
def edit(request: AuthenticatedHttpRequest, space_slug: str, slug: str) -> HttpResponse:
    page = _page_or_404(request, space_slug, slug)
    _require(permissions.can_edit_page(request.user, page))
    preview = None
    conflict = False
    if request.method == "POST":
        form = PageForm(request.POST)
        preview = _preview(request, page.space, request.POST.get("body", ""))
        if preview is None and form.is_valid():
            try:
                services.page_update(
                    page=page,
                    editor=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    base_revision=form.cleaned_data["base_revision"] or 0,
                )
            except ValidationError as error:
                conflict = getattr(error, "code", None) == "conflict"
                add_service_error(form, error)
            else:
                messages.success(request, _("Your changes have been saved."))
                return redirect(page)
    else:
        form = PageForm(
            initial={"title": page.title, "body": page.body, "base_revision": page.revision}
        )
    return render(
        request,
        "wiki/page_form.html",
        {
            "space": page.space,
            "page": page,
            "form": form,
            "preview_html": preview,
            "conflict": conflict,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def history(request: AuthenticatedHttpRequest, space_slug: str, slug: str) -> HttpResponse:
    page = _page_or_404(request, space_slug, slug)
    return render(
        request,
        "wiki/history.html",
        {
            "space": page.space,
            "page": page,
            "revisions": selectors.revisions(page),
            "can_edit": permissions.can_edit_page(request.user, page),
        },
    )


@login_required
@require_safe
def revision(
    request: AuthenticatedHttpRequest, space_slug: str, slug: str, number: int
) -> HttpResponse:
    """One version, and what changed compared with an earlier one (by default the one before)."""
    page = _page_or_404(request, space_slug, slug)
    new = selectors.revision_get(page, number)
    if new is None:
        raise Http404
    against = request.GET.get("against", "")
    old_number = int(against) if against.isdigit() else number - 1
    old = selectors.revision_get(page, old_number) if old_number != number else None
    if against and old is None:
        raise Http404
    return render(
        request,
        "wiki/revision.html",
        {
            "space": page.space,
            "page": page,
            "new": new,
            "old": old,
            "lines": selectors.diff(old, new) if old else None,
            "can_edit": permissions.can_edit_page(request.user, page),
        },
    )


@login_required
@require_POST
def restore(
    request: AuthenticatedHttpRequest, space_slug: str, slug: str, number: int
) -> HttpResponse:
    page = _page_or_404(request, space_slug, slug)
    try:
        services.revision_restore(page=page, editor=request.user, number=number)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("wiki:history", page.space.slug, page.slug)
    messages.success(
        request, _("Version %(number)s has been restored as a new version.") % {"number": number}
    )
    return redirect(page)


@login_required
def move(request: AuthenticatedHttpRequest, space_slug: str, slug: str) -> HttpResponse:
    page = _page_or_404(request, space_slug, slug)
    _require(permissions.can_move_page(request.user, page))
    tree = selectors.page_tree(page.space)
    form = MoveForm(
        request.POST or None,
        tree=tree,
        page=page,
        initial={"parent": page.parent_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.page_move(page=page, actor=request.user, parent=form.cleaned_data["parent"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The page has been moved."))
            return redirect(page)
    return render(
        request,
        "wiki/move.html",
        {"space": page.space, "page": page, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def delete(request: AuthenticatedHttpRequest, space_slug: str, slug: str) -> HttpResponse:
    page = _page_or_404(request, space_slug, slug)
    has_children = page.children.exists()
    _require(permissions.can_delete_page(request.user, page, has_children=False))
    context: dict[str, Any] = {"space": page.space, "page": page, "has_children": has_children}
    if request.method == "POST":
        try:
            services.page_delete(page=page, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(page)
        messages.success(request, _("The page and its history have been deleted."))
        return redirect("wiki:index", page.space.slug)
    return render(request, "wiki/delete.html", context)
