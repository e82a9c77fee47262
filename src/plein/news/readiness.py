"""Readiness check for news: published news items before the launch."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.paths import path
from plein.core.registries.readiness import (
    Check,
    Result,
    Threshold,
    at_least,
    register,
)
from plein.posts.models import Post
from plein.posts.selectors import published_posts

MINIMUM = "news_minimum"


def _news(values: dict[str, int]) -> Result:
    published = published_posts(Post.Kind.NEWS).count()
    summary = _("Published news items: %(count)s (wanted: at least %(minimum)s).") % {
        "count": published,
        "minimum": values[MINIMUM],
    }
    return at_least(published, values[MINIMUM], summary=summary)


register(
    Check(
        key="news",
        label=gettext_lazy("News items are published"),
        order=30,
        evaluate=_news,
        fix_url=lambda: path("news:create"),
        thresholds=(
            Threshold(
                MINIMUM,
                gettext_lazy("Published news items"),
                3,
                gettext_lazy("At least this many news items are published. 0 switches this off."),
                maximum=1000,
            ),
        ),
    )
)
