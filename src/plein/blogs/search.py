"""What a blog entry adds to its post's entry in the site-wide search
(plein.core.registries.search.DETAILS): the title of its series. services.py indexes the entries
again when they move to another series, or their series is renamed or deleted."""

from __future__ import annotations

from collections.abc import Sequence

from plein.core.registries.search import PostDetails
from plein.posts.models import Post

from .models import BlogEntry


def blog_search_text(posts: Sequence[Post]) -> dict[int, str]:
    """The series title of each entry in a series, in one query."""
    rows = BlogEntry.objects.filter(
        post_id__in=[post.pk for post in posts], series__isnull=False
    ).values_list("post_id", "series__title")
    return {post_id: title for post_id, title in rows}


BLOG_DETAILS = PostDetails(key=Post.Kind.BLOG, order=20, text=blog_search_text)
