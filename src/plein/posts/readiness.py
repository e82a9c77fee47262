"""Readiness check for posts: the default spaces exist and are lively (a recent post in each)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from plein.core.paths import path
from plein.core.registries.readiness import (
    DETAILS_SHOWN,
    Check,
    Link,
    Result,
    Threshold,
    register,
)
from plein.spaces.models import Space

from .models import Post

DAYS = "spaces_recent_days"  # the key is older than this module: stored plans use it
_defaults = Space.default_departments.through


def _default_spaces(values: dict[str, int]) -> Result:
    days = values[DAYS]
    now = timezone.now()
    recent = Post.objects.filter(
        space=OuterRef("pk"),
        deleted_at__isnull=True,
        created_at__gte=now - timedelta(days=days),
        created_at__lte=now,
    )
    rows = list(
        Space.objects.filter(
            Q(is_default_for_everyone=True)
            | Q(Exists(_defaults.objects.filter(space=OuterRef("pk"))))
        )
        .annotate(lively=Exists(recent))
        .order_by("name", "pk")
        .values_list("name", "slug", "lively")
    )
    if not rows:
        return Result(
            done=False,
            summary=_(
                "There are no default spaces yet: spaces that everyone, or a whole department, "
                "is a member of from the first day."
            ),
        )
    quiet = [(name, slug) for name, slug, lively in rows if not lively]
    lively = len(rows) - len(quiet)
    summary = ngettext(
        "%(lively)s of %(total)s default space has a post from the last %(days)s days.",
        "%(lively)s of %(total)s default spaces have a post from the last %(days)s days.",
        len(rows),
    ) % {"lively": lively, "total": len(rows), "days": days}
    return Result(
        done=not quiet,
        summary=summary,
        progress=lively / len(rows),
        fix_url=path("spaces:detail", quiet[0][1]) if quiet else "",
        details=tuple(
            Link(_("No recent posts in %(space)s") % {"space": name}, path("spaces:detail", slug))
            for name, slug in quiet[:DETAILS_SHOWN]
        ),
    )


register(
    Check(
        key="default_spaces",
        label=gettext_lazy("Default spaces exist and are lively"),
        order=20,
        evaluate=_default_spaces,
        fix_url=lambda: path("spaces:create"),
        thresholds=(
            Threshold(
                DAYS,
                gettext_lazy("Recent posts in default spaces: within this many days"),
                14,
                gettext_lazy("Each default space needs a post that is at most this many days old."),
                minimum=1,
                maximum=365,
            ),
        ),
    )
)
