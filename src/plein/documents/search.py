"""What the site-wide search finds of the document libraries (plein.core.registries.search).

A document is found by its title, its description and the text extracted from the file of
every version it has (tasks.extract_text), so an old version's words still lead to it. Who
finds it: whoever may open it (permissions.visible_documents), decided in the search query.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.search import Entry, SearchKind

from .models import Document
from .permissions import visible_documents

TEXT_LIMIT = 200_000  # characters of extracted text indexed per document, all versions together


def _versions_text(document: Document) -> str:
    """The extracted text of every version, oldest first, each different text once, capped."""
    texts: list[str] = []
    seen: set[str] = set()
    size = 0
    for text in document.versions.order_by("number").values_list("text", flat=True):
        text = text.strip()
        if not text or text in seen:
            continue
        seen.add(text)
        texts.append(text)
        size += len(text) + 1
        if size >= TEXT_LIMIT:
            break
    return "\n".join(texts)[:TEXT_LIMIT]


def document_entry(document: Document) -> Entry:
    first = document.versions.order_by("number").values_list("uploaded_by_id", flat=True).first()
    return Entry(
        title=document.title,
        url=document.get_absolute_url(),
        created_at=document.created_at,
        body=document.description,
        extra=_versions_text(document),
        space_id=document.space_id,
        author_id=first,  # who uploaded the first version
        suggest=True,
    )


DOCUMENTS = SearchKind(
    key="document",
    order=50,
    label=_("Documents"),
    visible=visible_documents,
    entry=document_entry,
    objects=lambda: Document.objects.all(),
    suggests=True,
)
