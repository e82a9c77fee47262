"""The one write path for wiki pages. Every save keeps a revision; nothing is ever lost.

Concurrent edits: the edit form carries the revision number it started from. If someone else
saved in between, page_update refuses (the form keeps what was typed) instead of silently
overwriting the other person's work.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plein.core.registries import search, usage
from plein.people.models import Person
from plein.posts.services import render_body
from plein.spaces.models import Space

from . import permissions
from .models import MAX_BODY, Page, PageRevision

MAX_TITLE = 200
RESERVED = {"new"}  # used by the wiki's own addresses


def _clean(space: Space, title: str, body: str, *, page: Page | None = None) -> tuple[str, str]:
    title = " ".join(title.split())
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Give the page a title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("Keep the title under %(max)s characters.") % {"max": MAX_TITLE}
    elif "[" in title or "]" in title or "|" in title:
        errors["title"] = _("A title cannot contain [, ] or |: they are used for links.")
    else:
        same = Page.objects.annotate(lower_title=Lower("title")).filter(
            space=space, lower_title=title.lower()
        )
        if page is not None:
            same = same.exclude(pk=page.pk)
        if same.exists():
            errors["title"] = _("This space already has a page with this title.")
    if len(body) > MAX_BODY:
        errors["body"] = _("The text is too long: at most %(max)s characters.") % {"max": MAX_BODY}
    if errors:
        raise ValidationError(errors)
    return title, body.strip()


def _unique_slug(space: Space, title: str) -> str:
    base = (slugify(title) or "pagina")[:200]
    if base in RESERVED:
        base = f"{base}-pagina"
    taken = set(
        Page.objects.filter(Q(slug=base) | Q(slug__startswith=f"{base}-"), space=space).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_parent(space: Space, parent: Page | None, page: Page | None = None) -> None:
    if parent is None:
        return
    if parent.space_id != space.pk:
        raise ValidationError({"parent": _("The parent page must be in the same space.")})
    if page is not None:
        ancestor: Page | None = parent
        seen: set[int] = set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == page.pk:
                raise ValidationError(
                    {"parent": _("A page cannot be placed under itself or one of its own pages.")}
                )
            seen.add(ancestor.pk)
            ancestor = (
                Page.objects.filter(pk=ancestor.parent_id).first() if ancestor.parent_id else None
            )


def _revision(page: Page, editor: Person, restored_from: int | None = None) -> PageRevision:
    usage.record(editor, usage.Kind.EDIT, subject="wiki", object_id=page.pk)
    return PageRevision.objects.create(
        page=page,
        number=page.revision,
        title=page.title,
        body=page.body,
        edited_by=editor,
        edited_at=page.updated_at,
        restored_from=restored_from,
    )


def page_create(
    *, space: Space, author: Person, title: str, body: str, parent: Page | None = None
) -> Page:
    if not permissions.can_edit_wiki(author, space):
        raise PermissionDenied
    title, body = _clean(space, title, body)
    _check_parent(space, parent)
    with transaction.atomic():
        now = timezone.now()
        last = Page.objects.filter(space=space, parent=parent).order_by("-position").first()
        page = Page.objects.create(
            space=space,
            parent=parent,
            title=title,
            slug=_unique_slug(space, title),
            body=body,
            body_html=render_body(body)[0].html if body else "",
            position=last.position + 1 if last else 0,
            revision=1,
            created_by=author,
            created_at=now,
            updated_by=author,
            updated_at=now,
        )
        _revision(page, author)
        search.index("wiki", page)
    return page


def _save_version(
    page: Page, editor: Person, title: str, body: str, restored_from: int | None = None
) -> Page:
    page.title, page.body = title, body
    page.body_html = render_body(body)[0].html if body else ""
    page.revision += 1
    page.updated_by, page.updated_at = editor, timezone.now()
    page.save(update_fields=["title", "body", "body_html", "revision", "updated_by", "updated_at"])
    _revision(page, editor, restored_from)
    search.index("wiki", page)
    return page


def page_update(*, page: Page, editor: Person, title: str, body: str, base_revision: int) -> Page:
    """Save a new version. Refused when someone saved after `base_revision` was loaded."""
    if not permissions.can_edit_page(editor, page):
        raise PermissionDenied
    title, body = _clean(page.space, title, body, page=page)
    with transaction.atomic():
        current = Page.objects.select_for_update().get(pk=page.pk)
        if current.revision != base_revision:
            raise ValidationError(
                _(
                    "Someone else saved this page while you were editing it (version "
                    "%(theirs)s). Your text has not been saved: compare it with the current "
                    "version, then save again."
                )
                % {"theirs": current.revision},
                code="conflict",
            )
        if current.title == title and current.body == body:
            return current
        page.revision = current.revision
        return _save_version(page, editor, title, body)


def revision_restore(*, page: Page, editor: Person, number: int) -> Page:
    """Bring back an old version as a new revision; the history stays complete."""
    if not permissions.can_edit_page(editor, page):
        raise PermissionDenied
    old = page.revisions.filter(number=number).first()
    if old is None:
        raise ValidationError(_("That version does not exist."))
    title = old.title
    if Page.objects.filter(space=page.space, title__iexact=title).exclude(pk=page.pk).exists():
        title = page.title  # another page took the old title meanwhile: keep the current one
    with transaction.atomic():
        current = Page.objects.select_for_update().get(pk=page.pk)
        page.revision = current.revision
        return _save_version(page, editor, title, old.body, restored_from=number)


def page_move(*, page: Page, actor: Person, parent: Page | None) -> Page:
    if not permissions.can_move_page(actor, page):
        raise PermissionDenied
    _check_parent(page.space, parent, page)
    if (parent is None and page.parent_id is None) or (parent and parent.pk == page.parent_id):
        return page
    with transaction.atomic():
        last = Page.objects.filter(space=page.space, parent=parent).order_by("-position").first()
        page.parent = parent
        page.position = last.position + 1 if last else 0
        page.save(update_fields=["parent", "position"])
        search.index("wiki", page)
    return page


def page_delete(*, page: Page, actor: Person) -> None:
    """Delete a page and its history for good. Only pages without child pages."""
    if not permissions.can_delete_page(actor, page, has_children=False):
        raise PermissionDenied
    if page.children.exists():
        raise ValidationError(_("This page has child pages. Move or delete those first."))
    with transaction.atomic():
        page_id = page.pk
        page.delete()
        search.unindex("wiki", page_id)
