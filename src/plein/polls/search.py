"""What a poll adds to its post's entry in the site-wide search
(plein.core.registries.search.DETAILS): its answers. The question is the post's title already;
services.py indexes the post again when the answers are written or changed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from plein.core.registries.search import PostDetails
from plein.posts.models import Post

from .models import Choice


def poll_search_text(posts: Sequence[Post]) -> dict[int, str]:
    """The answers of each poll, in their order, in one query."""
    answers: dict[int, list[str]] = defaultdict(list)
    rows = Choice.objects.filter(poll_id__in=[post.pk for post in posts]).order_by(
        "poll_id", "position", "pk"
    )
    for poll_id, text in rows.values_list("poll_id", "text"):
        answers[poll_id].append(text)
    return {poll_id: " ".join(texts) for poll_id, texts in answers.items()}


POLL_DETAILS = PostDetails(key=Post.Kind.POLL, order=30, text=poll_search_text)
