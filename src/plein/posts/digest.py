"""The digest's "Popular in your spaces": the most responded-to posts by others in the person's
spaces since the last digest (a section of the digest, registered in PostsConfig.ready())."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import F
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from plein.core.paths import absolute_url
from plein.core.registries.digest import DigestSection
from plein.people.models import Person
from plein.spaces import permissions as space_rules

from .models import Post
from .permissions import User, visible_posts
from .selectors import with_cards

SNIPPET_CHARS = 200


def popular_posts(user: User, since: datetime, *, limit: int = 3) -> list[Post]:
    """The most responded-to posts by others in the user's spaces since then, that they may see."""
    posts = (
        visible_posts(user)
        .filter(space__in=space_rules.my_spaces(user), created_at__gt=since)
        .exclude(author_id=user.pk)
    )
    ranked = (
        with_cards(posts)
        .annotate(score=F("comment_count") + F("reaction_count"))
        .filter(score__gt=0)
        .order_by("-score", "-created_at", "-id")
    )
    return list(ranked[:limit])


def _post_title(post: Post) -> str:
    assert post.space is not None
    return _("%(author)s in %(space)s") % {
        "author": post.author.full_name,
        "space": post.space.name,
    }


def _context(
    person: Person, *, since: datetime, now: datetime, previous_digest_at: datetime | None
) -> dict[str, Any] | None:
    posts = popular_posts(person, since)
    if not posts:
        return None
    items = [
        {
            "title": _post_title(post),
            "snippet": Truncator(" ".join(strip_tags(post.body_html).split())).chars(SNIPPET_CHARS),
            "link": absolute_url(post.get_absolute_url()),
        }
        for post in posts
    ]
    return {"posts": items}


POPULAR_SECTION = DigestSection(
    key="popular", order=10, context=_context, template="posts/email/digest_popular"
)
