"""Rules about document libraries. Each rule is a function and, where lists need it, a queryset
that agree.

A library is the organisation-wide one (space None) or a space's.
- Read (see folders and documents, preview, download): the organisation-wide library: every
  active person; a space's library: whoever may read the space's content (spaces.permissions).
- Write (upload documents, make folders): the organisation-wide library: people with
  documents.manage_library (editors, community managers); a space's: its current members.
- Manage (rename and delete folders, change any document): the organisation-wide library: people
  with documents.manage_library; a space's: its moderators and owners.
- A document's owner changes their own document (new version, restore, details) while they may
  read the library.
A deactivated person can do nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from plein.people.models import Person
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from .models import Document, DocumentVersion, Folder

User = Person | AnonymousUser
MANAGE_LIBRARY = "documents.manage_library"


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _readable(user: User) -> Q:
    return Q(space__isnull=True) | Q(space__in=space_rules.spaces_with_visible_content(user))


def can_read_library(user: User, space: Space | None) -> bool:
    if not _active(user):
        return False
    return space is None or space_rules.can_view_space_content(user, space)


def can_write_library(user: User, space: Space | None) -> bool:
    if not _active(user):
        return False
    if space is None:
        return user.has_perm(MANAGE_LIBRARY)
    return space_rules.is_member(user, space)


def can_manage_library(user: User, space: Space | None) -> bool:
    if not _active(user):
        return False
    if space is None:
        return user.has_perm(MANAGE_LIBRARY)
    return space_rules.can_moderate(user, space)


def visible_folders(user: User) -> QuerySet[Folder]:
    if not _active(user):
        return Folder.objects.none()
    return Folder.objects.filter(_readable(user))


def visible_documents(user: User) -> QuerySet[Document]:
    if not _active(user):
        return Document.objects.none()
    return Document.objects.filter(_readable(user))


def can_view_document(user: User, document: Document) -> bool:
    return can_read_library(user, document.space)


def can_change_document(user: User, document: Document) -> bool:
    """New versions, restoring one, title, owner and review date."""
    if not can_view_document(user, document):
        return False
    return document.owner_id == user.pk or can_manage_library(user, document.space)


def can_delete_document(user: User, document: Document) -> bool:
    return can_change_document(user, document)


def can_download(user: User, version: DocumentVersion) -> bool:
    return can_view_document(user, version.document)
