"""Documents: the ones you may read, one document with its versions, and a new version."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_noop as N_
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from plein.documents import selectors, services
from plein.documents.models import Document, DocumentVersion
from plein.documents.permissions import visible_documents
from plein.people.http import AuthenticatedHttpRequest
from plein.spaces.selectors import space_get

from ..auth import READ, WRITE
from ..pagination import PageQuery, paginate
from ..schemas.common import PathId
from ..schemas.documents import DocumentDetailOut, DocumentFilters, DocumentsPage, VersionOut

PREFIX = "/documents"
router = Router(tags=["documents"])


def _visible(request: AuthenticatedHttpRequest, document_id: int) -> Document:
    document = selectors.document_get(request.user, document_id)
    if document is None:
        raise Http404
    document.version_list = selectors.versions(document)  # type: ignore[attr-defined]
    return document


@router.get("/", response=DocumentsPage, auth=READ, summary=N_("Documents you may read"))
def documents_list(
    request: AuthenticatedHttpRequest, page: PageQuery, filters: Query[DocumentFilters]
) -> dict[str, object]:
    """By title, from every library you may read, or from one space's."""
    documents = visible_documents(request.user).select_related(
        "current_version__uploaded_by", "owner", "space"
    )
    if filters.space is not None:
        space = space_get(filters.space, request.user)
        if space is None:
            raise Http404
        documents = documents.filter(space=space)
    rows, cursor = paginate(documents, order=("title", "pk"), params=page)
    return {"items": selectors.decorate(rows, request.user), "next": cursor}


@router.get("/{document_id}", response=DocumentDetailOut, auth=READ, summary=N_("One document"))
def documents_detail(request: AuthenticatedHttpRequest, document_id: PathId) -> Document:
    return _visible(request, document_id)


@router.post(
    "/{document_id}/versions",
    response={201: VersionOut},
    auth=WRITE,
    summary=N_("Upload a new version"),
)
def documents_version_add(
    request: AuthenticatedHttpRequest, document_id: PathId, file: File[UploadedFile]
) -> Status[DocumentVersion]:
    """A new version as `multipart/form-data` (field `file`); the older versions stay."""
    document = _visible(request, document_id)
    version = services.version_add(document=document, by=request.user, upload=file)
    return Status(201, version)
