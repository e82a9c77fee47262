"""Reads for the wiki, built on the rules in permissions.py; query counts stay flat."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.db.models import QuerySet

from plein.people.models import Person
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from . import links, permissions
from .models import Page, PageRevision


def wiki_space_get(user: Person, slug: str) -> Space | None:
    """The space whose wiki the user may read, or None (shown as 404)."""
    return space_rules.spaces_with_visible_content(user).filter(slug=slug).first()


def page_get(user: Person, space: Space, slug: str) -> Page | None:
    page = (
        permissions.visible_pages(user)
        .filter(space=space, slug=slug)
        .select_related("updated_by", "created_by")
        .first()
    )
    if page is not None:
        page.space = space
    return page


@dataclass
class Node:
    page: Page
    children: list[Node] = field(default_factory=list)


@dataclass
class Tree:
    roots: list[Node]
    by_pk: dict[int, Node]

    def ancestors(self, page: Page) -> list[Page]:
        chain: list[Page] = []
        seen: set[int] = set()
        parent_id = page.parent_id
        while parent_id is not None and parent_id in self.by_pk and parent_id not in seen:
            seen.add(parent_id)
            parent = self.by_pk[parent_id].page
            chain.append(parent)
            parent_id = parent.parent_id
        return chain[::-1]

    def children(self, page: Page) -> list[Page]:
        node = self.by_pk.get(page.pk)
        return [child.page for child in node.children] if node else []

    def descendants(self, page: Page) -> set[int]:
        found: set[int] = set()
        stack = [self.by_pk[page.pk]] if page.pk in self.by_pk else []
        while stack:
            node = stack.pop()
            for child in node.children:
                found.add(child.page.pk)
                stack.append(child)
        return found

    def flat(self) -> list[tuple[Page, int]]:
        """Every page with its depth, in tree order (for a select of parents)."""
        out: list[tuple[Page, int]] = []

        def walk(nodes: list[Node], depth: int) -> None:
            for node in nodes:
                out.append((node.page, depth))
                walk(node.children, depth + 1)

        walk(self.roots, 0)
        return out


def page_tree(space: Space, *, with_editors: bool = False) -> Tree:
    """All pages of a space as a tree, in one query."""
    pages: QuerySet[Page] = Page.objects.filter(space=space).order_by("position", "title", "pk")
    if with_editors:
        pages = pages.select_related("updated_by")
    else:
        pages = pages.only("pk", "title", "slug", "parent_id", "position", "space_id")
    nodes = {page.pk: Node(page) for page in pages}
    roots: list[Node] = []
    for node in nodes.values():
        node.page.space = space
        parent = nodes.get(node.page.parent_id) if node.page.parent_id else None
        (parent.children if parent else roots).append(node)
    return Tree(roots, nodes)


def page_body(page: Page, user: Person) -> str:
    """The page's HTML with its [[links]] resolved for this reader (one query at most)."""
    return links.link_pages(
        page.body_html, space=page.space, can_create=permissions.can_edit_wiki(user, page.space)
    )


def revisions(page: Page) -> QuerySet[PageRevision]:
    return page.revisions.select_related("edited_by").order_by("-number")


def revision_get(page: Page, number: int) -> PageRevision | None:
    return page.revisions.select_related("edited_by").filter(number=number).first()


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed", "gap"
    old_number: int | None
    new_number: int | None
    text: str


def diff(old: PageRevision, new: PageRevision, *, context: int = 3) -> list[DiffLine]:
    """The lines of text that changed between two versions, with a few lines around each change
    (a change of title is shown apart)."""
    old_lines, new_lines = old.body.splitlines(), new.body.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine] = []
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index:
            lines.append(DiffLine("gap", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [
                    DiffLine("same", i1 + k + 1, j1 + k + 1, old_lines[i1 + k])
                    for k in range(i2 - i1)
                ]
                continue
            lines += [DiffLine("removed", i + 1, None, old_lines[i]) for i in range(i1, i2)]
            lines += [DiffLine("added", None, j + 1, new_lines[j]) for j in range(j1, j2)]
    return lines
