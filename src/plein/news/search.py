"""What a news item adds to its post's entry in the site-wide search
(plein.core.registries.search.DETAILS): its lead, indexed before the text. services.py indexes
the post again once the lead is written or changed."""

from __future__ import annotations

from collections.abc import Sequence

from plein.core.registries.search import PostDetails
from plein.posts.models import Post

from .models import NewsItem


def news_search_text(posts: Sequence[Post]) -> dict[int, str]:
    """The lead of each news post, in one query."""
    return dict(
        NewsItem.objects.filter(post_id__in=[post.pk for post in posts]).values_list(
            "post_id", "lead"
        )
    )


NEWS_DETAILS = PostDetails(key=Post.Kind.NEWS, order=10, text=news_search_text, body=True)
