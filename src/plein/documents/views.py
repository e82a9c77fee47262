"""Pages of the document libraries: the organisation-wide one at /documents/, a space's at
/documents/spaces/<slug>/. Every file is sent by a view that checks the rules on each request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from plein.core.forms import add_service_error
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.spaces import selectors as space_selectors
from plein.spaces.models import Space

from . import files, permissions, selectors, services
from .forms import DetailsForm, FolderForm, SearchForm, UploadForm, VersionForm
from .models import Document, DocumentVersion, Folder


@dataclass
class Library:
    space: Space | None
    can_write: bool
    can_manage: bool

    @property
    def url(self) -> str:
        if self.space is None:
            return reverse("documents:library")
        return reverse("documents:space_library", args=[self.space.slug])

    def action(self, name: str, folder: Folder | None = None) -> str:
        base = (
            reverse(f"documents:{name}")
            if self.space is None
            else reverse(f"documents:space_{name}", args=[self.space.slug])
        )
        return f"{base}?{urlencode({'folder': folder.pk})}" if folder else base


def _library(request: AuthenticatedHttpRequest, space: Space | None) -> Library:
    user = request.user
    if not permissions.can_read_library(user, space):
        raise PermissionDenied
    return Library(
        space=space,
        can_write=permissions.can_write_library(user, space),
        can_manage=permissions.can_manage_library(user, space),
    )


def _space(request: AuthenticatedHttpRequest, slug: str | None) -> Space | None:
    if slug is None:
        return None
    space = space_selectors.space_get(slug, request.user)
    if space is None:
        raise Http404
    return space


def _folder_param(request: AuthenticatedHttpRequest, space: Space | None) -> Folder | None:
    raw = request.POST.get("folder") or request.GET.get("folder")
    if not raw:
        return None
    folder = selectors.folder_get(request.user, int(raw)) if raw.isdigit() else None
    if folder is None or folder.space_id != (space.pk if space else None):
        raise Http404
    return folder


def _document_or_404(request: AuthenticatedHttpRequest, pk: int) -> Document:
    document = selectors.document_get(request.user, pk)
    if document is None:
        raise Http404
    return document


def _library_page(
    request: AuthenticatedHttpRequest, space: Space | None, folder: Folder | None
) -> HttpResponse:
    library = _library(request, space)
    user = request.user
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    context: dict[str, Any] = {
        "library": library,
        "folder": folder,
        "path": selectors.folder_path(folder),
        "search": search,
        "query": query,
        "upload_url": library.action("upload", folder),
        "new_folder_url": library.action("folder_create", folder),
    }
    if query:
        context["results"] = selectors.library_search(user, space, query)
    else:
        context["folders"] = selectors.library_folders(user, space, folder)
        context["documents"] = selectors.library_documents(user, space, folder)
    if space is None and not folder:
        context["spaces"] = list(selectors.library_spaces(user)[:50])
    return render(request, "documents/library.html", context)


@login_required
@require_safe
def library(request: AuthenticatedHttpRequest, slug: str | None = None) -> HttpResponse:
    return _library_page(request, _space(request, slug), None)


@login_required
@require_safe
def folder(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.folder_get(request.user, pk)
    if found is None:
        raise Http404
    return _library_page(request, found.space, found)


# Folders ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def folder_create(request: AuthenticatedHttpRequest, slug: str | None = None) -> HttpResponse:
    space = _space(request, slug)
    library = _library(request, space)
    _require(library.can_write)
    parent = _folder_param(request, space)
    form = FolderForm(request.POST or None)
    if form.is_valid():
        try:
            created = services.folder_create(
                by=request.user, space=space, parent=parent, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Folder made."))
            return redirect(created)
    return render(
        request,
        "documents/folder_form.html",
        {"form": form, "library": library, "parent": parent, "path": selectors.folder_path(parent)},
        status=400 if form.errors else 200,
    )


def _folder_or_404(request: AuthenticatedHttpRequest, pk: int) -> Folder:
    found = selectors.folder_get(request.user, pk)
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def folder_rename(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _folder_or_404(request, pk)
    library = _library(request, found.space)
    _require(library.can_manage)
    form = FolderForm(request.POST or None, initial={"name": found.name})
    if form.is_valid():
        try:
            services.folder_rename(folder=found, by=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Folder renamed."))
            return redirect(found)
    return render(
        request,
        "documents/folder_form.html",
        {"form": form, "library": library, "renaming": found, "path": selectors.folder_path(found)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def folder_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _folder_or_404(request, pk)
    library = _library(request, found.space)
    parent = found.parent
    try:
        services.folder_delete(folder=found, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(found)
    messages.success(request, _("Folder deleted."))
    return redirect(parent or library.url)


# Documents -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def upload(request: AuthenticatedHttpRequest, slug: str | None = None) -> HttpResponse:
    space = _space(request, slug)
    library = _library(request, space)
    _require(library.can_write)
    folder = _folder_param(request, space)
    form = UploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_create(
                by=request.user,
                space=space,
                folder=folder,
                title=data["title"],
                description=data["description"],
                owner=data["owner"],
                review_on=data["review_on"],
                upload=data["file"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Document uploaded."))
            return redirect(document)
    return render(
        request,
        "documents/upload.html",
        {
            "form": form,
            "library": library,
            "folder": folder,
            "path": selectors.folder_path(folder),
            "max_mb": round(services.max_bytes() / 1024 / 1024),
        },
        status=400 if form.errors else 200,
    )


def _detail_page(
    request: AuthenticatedHttpRequest,
    document: Document,
    version_form: VersionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    library = _library(request, document.space)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "library": library,
            "path": selectors.folder_path(document.folder),
            "versions": selectors.versions(document),
            "version_form": version_form or VersionForm(),
            "max_mb": round(services.max_bytes() / 1024 / 1024),
            "can_delete": permissions.can_delete_document(request.user, document),
        },
        status=status,
    )


@login_required
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _document_or_404(request, pk))


@login_required
@require_POST
def version_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    _require(document.can_change)  # type: ignore[attr-defined]
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.version_add(
                document=document, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Version %(number)s uploaded.") % {"number": version.number}
            )
            return redirect(document)
    return _detail_page(request, document, form, status=400)


@login_required
@require_POST
def version_restore(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    old = document.versions.filter(number=number).first()
    if old is None:
        raise Http404
    try:
        version = services.version_restore(document=document, by=request.user, version=old)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Version %(old)s restored as version %(new)s.")
            % {"old": old.number, "new": version.number},
        )
    return redirect(document)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    _require(document.can_change)  # type: ignore[attr-defined]
    initial = {
        "title": document.title,
        "description": document.description,
        "owner": document.owner.email if document.owner else "",
        "review_on": document.review_on,
    }
    form = DetailsForm(request.POST or None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.document_update(
                document=document,
                by=request.user,
                title=data["title"],
                description=data["description"],
                owner=data["owner"] or request.user,
                review_on=data["review_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Document saved."))
            return redirect(document)
    return render(
        request,
        "documents/edit.html",
        {
            "form": form,
            "document": document,
            "path": selectors.folder_path(document.folder),
            "library": _library(request, document.space),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    _require(permissions.can_delete_document(request.user, document))
    library = _library(request, document.space)
    if request.method == "POST":
        folder = document.folder
        services.document_delete(document=document, by=request.user)
        messages.success(request, _("Document deleted, with all its versions."))
        return redirect(folder or library.url)
    return render(request, "documents/delete.html", {"document": document, "library": library})


# Files -----------------------------------------------------------------------------------------


def _version_or_404(request: AuthenticatedHttpRequest, pk: int, number: int) -> DocumentVersion:
    version = selectors.version_get(request.user, pk, number)
    if version is None:
        raise Http404
    return version


def _file_response(version: DocumentVersion, *, inline: bool) -> FileResponse:
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=files.download_name(version.name, version.content_type),
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def download(request: AuthenticatedHttpRequest, pk: int, number: int) -> FileResponse:
    """A version of a document, as a download, to whoever may read its library (checked on
    every request)."""
    response = _file_response(_version_or_404(request, pk, number), inline=False)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_safe
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})  # type: ignore[arg-type]  # in a frame of its page
def preview(request: AuthenticatedHttpRequest, pk: int, number: int) -> FileResponse:
    """A PDF or an image shown in the browser (in an <iframe> or <img> on the document's page).
    Nothing else is ever sent inline. Images are sandboxed; a sandboxed PDF would not open in
    the browser's viewer, so a PDF goes without it (it is never run as a page of the intranet:
    its type is fixed and nosniff is set)."""
    version = _version_or_404(request, pk, number)
    if version.content_type not in files.PREVIEW_TYPES:
        raise Http404
    response = _file_response(version, inline=True)
    if version.content_type != files.PDF:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
