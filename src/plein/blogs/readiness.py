"""Readiness check for blogs: a manager sets the tone with a blog entry."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
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
from plein.people.models import Person
from plein.posts.models import Post
from plein.posts.selectors import published_posts

MINIMUM = "blogs_manager_entries"


def _manager_blogs(values: dict[str, int]) -> Result:
    reports = Person.objects.filter(manager=OuterRef("author_id"), is_active=True)
    count = published_posts(Post.Kind.BLOG).filter(Exists(reports)).count()
    summary = _("Published blog entries by managers: %(count)s (wanted: at least %(minimum)s).") % {
        "count": count,
        "minimum": values[MINIMUM],
    }
    return at_least(count, values[MINIMUM], summary=summary)


register(
    Check(
        key="manager_blogs",
        label=gettext_lazy("A manager has written a blog entry"),
        order=90,
        evaluate=_manager_blogs,
        fix_url=lambda: path("blogs:write"),
        thresholds=(
            Threshold(
                MINIMUM,
                gettext_lazy("Blog entries by managers"),
                1,
                gettext_lazy(
                    "At least this many published blog entries by people with direct reports: "
                    "a manager who writes shows the intranet matters. 0 switches this off."
                ),
                maximum=1000,
            ),
        ),
    )
)
