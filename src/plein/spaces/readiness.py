"""Readiness checks for spaces: lively default spaces, and a space for every department."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from plein.core.paths import path
from plein.launch.readiness import (
    DETAILS_SHOWN,
    Check,
    Link,
    Result,
    Threshold,
    department_coverage,
    register,
)
from plein.posts.models import Post

from .models import Space

DAYS = "spaces_recent_days"
DEPARTMENT_SHARE = "spaces_department_share"
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


def _department_spaces(values: dict[str, int]) -> Result:
    return department_coverage(
        _defaults.objects.values_list("department_id", flat=True),
        values[DEPARTMENT_SHARE],
        summary=lambda covered, total, percent: (
            ngettext(
                "%(covered)s of %(total)s department (%(percent)s%%) has a default space of "
                "its own or of a department above it; wanted: %(minimum)s%%.",
                "%(covered)s of %(total)s departments (%(percent)s%%) have a default space of "
                "their own or of a department above them; wanted: %(minimum)s%%.",
                total,
            )
            % {
                "covered": covered,
                "total": total,
                "percent": percent,
                "minimum": values[DEPARTMENT_SHARE],
            }
        ),
        uncovered=lambda name: _("No space for %(department)s") % {"department": name},
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

register(
    Check(
        key="department_spaces",
        label=gettext_lazy("Every department has a space"),
        order=25,
        evaluate=_department_spaces,
        fix_url=lambda: path("spaces:create"),
        thresholds=(
            Threshold(
                DEPARTMENT_SHARE,
                gettext_lazy("Departments with a space of their own (%)"),
                100,
                gettext_lazy(
                    "The share of departments with people in them that a default space reaches: "
                    "a space made a default for the department or for a department above it. "
                    "0 switches this item off."
                ),
                maximum=100,
            ),
        ),
    )
)
