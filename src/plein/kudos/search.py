"""What kudos add to their post's entry in the site-wide search
(plein.core.registries.search.DETAILS): the badge and the name of the colleague thanked.
services.py indexes the post once its details are written, and every kudos with a badge again
when the badge is renamed."""

from __future__ import annotations

from collections.abc import Sequence

from plein.core.registries.search import PostDetails
from plein.posts.models import Post

from .models import KudosDetails


def kudos_search_text(posts: Sequence[Post]) -> dict[int, str]:
    """The badge name and the recipient's name of each kudos post, in one query."""
    rows = KudosDetails.objects.filter(post_id__in=[post.pk for post in posts]).select_related(
        "badge", "recipient"
    )
    return {row.post_id: f"{row.badge.name} {row.recipient.full_name}" for row in rows}


KUDOS_DETAILS = PostDetails(key=Post.Kind.KUDOS, order=40, text=kudos_search_text)
