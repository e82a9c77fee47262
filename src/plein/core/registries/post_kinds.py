"""Kinds of post other apps add (news, blog entries, kudos): how a stream card shows them.

An extension point of the posts app, kept in core with the other registries.

A post of another kind is a Post (so streams, comments, reactions, notifications and the
permission rules all work for it) with the app's own details in a row of its own. The app
registers, in its AppConfig.ready(), the template that shows those details on a card and a
function that loads them for a page of posts in a fixed number of queries:

    post_kinds.register(
        Post.Kind.NEWS,
        template="news/partials/card.html",
        attach=attach_news,
        detail="news:detail",  # the kind's own page and edit form, if it has them
        edit="news:edit",
    )

`attach(posts, user)` gets the posts of that kind on the page and sets what the template needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import Registry

Attach = Callable[[Sequence[Any], Any], None]


@dataclass(frozen=True)
class KindDisplay:
    key: str  # the kind (Post.Kind)
    template: str
    attach: Attach | None = None
    detail: str = ""  # URL name of the kind's own page, taking the post's pk
    edit: str = ""  # URL name of the kind's own edit form, taking the post's pk
    order: int = 0


KINDS: Registry[KindDisplay] = Registry("post kinds")


def register(
    kind: str, *, template: str, attach: Attach | None = None, detail: str = "", edit: str = ""
) -> None:
    KINDS.register(KindDisplay(kind, template, attach, detail, edit))


def detail_url_name(kind: str) -> str:
    display = KINDS.get(kind)
    return display.detail if display and display.detail else "posts:detail"


def edit_url_name(kind: str) -> str:
    display = KINDS.get(kind)
    return display.edit if display and display.edit else "posts:edit"


def card_template(kind: str) -> str:
    """The template for the part of a card that is particular to the kind ("" for a post)."""
    display = KINDS.get(kind)
    return display.template if display else ""


def attach_all(posts: Sequence[Any], user: Any) -> None:
    """Let each registered kind load its details for its posts on the page: one call per kind."""
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for post in posts:
        by_kind[post.kind].append(post)
    for kind, group in by_kind.items():
        display = KINDS.get(kind)
        if display is not None and display.attach is not None:
            display.attach(group, user)
