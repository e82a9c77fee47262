"""Rules about wiki pages. Each rule is a function and, where lists need it, a queryset that agree.

Who reads a page: whoever may read the content of its space (spaces.permissions): every active
person for open spaces, current members for closed and secret spaces. A deactivated person sees
nothing.
Who writes (creates pages, edits them, restores an old version): current members of the space.
Who moves and deletes: the space's moderators and owners; the one who made a page may also delete
it while it has no child pages. Only pages without child pages can be deleted.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from plein.people.models import Person
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from .models import Page

User = Person | AnonymousUser


def visible_pages(user: User) -> QuerySet[Page]:
    return Page.objects.filter(space__in=space_rules.spaces_with_visible_content(user))


def can_view_wiki(user: User, space: Space) -> bool:
    return space_rules.can_view_space_content(user, space)


def can_view_page(user: User, page: Page) -> bool:
    return can_view_wiki(user, page.space)


def can_edit_wiki(user: User, space: Space) -> bool:
    """Create pages in the space, change them and restore old versions."""
    return space_rules.is_member(user, space)


def editable_wiki_spaces(user: User) -> QuerySet[Space]:
    """The spaces whose wiki the user may write in (agrees with can_edit_wiki)."""
    return space_rules.my_spaces(user)


def can_edit_page(user: User, page: Page) -> bool:
    return can_edit_wiki(user, page.space)


def can_move_page(user: User, page: Page) -> bool:
    return space_rules.can_moderate(user, page.space)


def can_delete_page(user: User, page: Page, *, has_children: bool) -> bool:
    """Only a page without child pages can go; moderators, or the one who made it (if a member)."""
    if has_children:
        return False
    if space_rules.can_moderate(user, page.space):
        return True
    return page.created_by_id == user.pk and space_rules.is_member(user, page.space)
