"""What an idea adds to its post's entry in the site-wide search
(plein.core.registries.search.DETAILS): once decided, its status (in the site's language, as
the index is) and the explanation of the decision. services.py indexes the post again when the
status changes."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.utils import translation

from plein.core.registries.search import PostDetails
from plein.posts.models import Post

from .models import IdeaDetails


def idea_search_text(posts: Sequence[Post]) -> dict[int, str]:
    """The status and its explanation of each decided idea (not a new one), in one query."""
    rows = IdeaDetails.objects.filter(post_id__in=[post.pk for post in posts]).exclude(
        status=IdeaDetails.Status.NEW
    )
    with translation.override(settings.LANGUAGE_CODE):
        return {row.post_id: f"{row.get_status_display()} {row.status_note}" for row in rows}


IDEA_DETAILS = PostDetails(key=Post.Kind.IDEA, order=50, text=idea_search_text)
