"""Reads for document libraries, built on permissions.visible_* so lists and rules agree. Every
page loads a fixed number of queries, whatever the number of folders and documents."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from . import permissions
from .models import Document, DocumentVersion, Folder
from .permissions import User


def _documents(user: User) -> QuerySet[Document]:
    return permissions.visible_documents(user).select_related(
        "current_version", "owner", "folder", "space"
    )


def decorate(documents: Iterable[Document], user: User) -> list[Document]:
    """Set the flags a list or page shows: is_overdue, can_change."""
    documents = list(documents)
    space_rules.memberships_preload(user, {d.space_id for d in documents})
    today = timezone.localdate()
    for document in documents:
        document.is_overdue = bool(document.review_on and document.review_on < today)  # type: ignore[attr-defined]
        document.can_change = permissions.can_change_document(user, document)  # type: ignore[attr-defined]
    return documents


def folder_get(user: User, pk: int) -> Folder | None:
    return permissions.visible_folders(user).select_related("space").filter(pk=pk).first()


def folder_path(folder: Folder | None) -> list[Folder]:
    """The folder and its parents, outermost first (for breadcrumbs), in one query."""
    if folder is None:
        return []
    by_pk = {
        f.pk: f
        for f in Folder.objects.filter(space=folder.space_id).only("pk", "parent", "name", "space")
    }
    path: list[Folder] = []
    current: Folder | None = by_pk.get(folder.pk, folder)
    while current is not None and len(path) < 100:
        path.append(current)
        current = by_pk.get(current.parent_id) if current.parent_id else None
    return path[::-1]


def library_folders(user: User, space: Space | None, parent: Folder | None) -> list[Folder]:
    return list(permissions.visible_folders(user).filter(space=space, parent=parent))


def library_documents(user: User, space: Space | None, folder: Folder | None) -> list[Document]:
    return decorate(_documents(user).filter(space=space, folder=folder), user)


def library_search(user: User, space: Space | None, query: str, limit: int = 100) -> list[Document]:
    """Documents of the library whose title, description or current text holds the words."""
    documents = _documents(user).filter(space=space)
    for word in query.split()[:10]:
        documents = documents.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(current_version__text__icontains=word)
        )
    return decorate(documents[:limit], user)


def document_get(user: User, pk: int) -> Document | None:
    document = _documents(user).filter(pk=pk).first()
    return decorate([document], user)[0] if document else None


def versions(document: Document) -> list[DocumentVersion]:
    return list(
        document.versions.select_related("uploaded_by", "restored_from").order_by("-number")
    )


def version_get(user: User, document_pk: int, number: int) -> DocumentVersion | None:
    version = (
        DocumentVersion.objects.select_related("document__space")
        .filter(document_id=document_pk, number=number)
        .first()
    )
    if version is None or not permissions.can_download(user, version):
        return None
    return version


def library_spaces(user: User) -> QuerySet[Space]:
    """The spaces whose library the user may read and that hold documents or folders."""
    return (
        space_rules.spaces_with_visible_content(user)
        .filter(Q(documents__isnull=False) | Q(document_folders__isnull=False))
        .distinct()
        .order_by("name")
    )


def owned_for_review(user: User, limit: int = 10) -> list[Document]:
    """The user's documents whose review date has passed (for a start page widget)."""
    today = timezone.localdate()
    return decorate(
        _documents(user)
        .filter(owner_id=user.pk, review_on__lt=today)
        .order_by("review_on")[:limit],
        user,
    )
