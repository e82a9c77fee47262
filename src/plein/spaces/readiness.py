"""Readiness check for spaces: a space for every department (whether the default spaces are
lively is the posts app's check)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from plein.core.paths import path
from plein.core.registries.readiness import (
    Check,
    Result,
    Threshold,
    register,
)
from plein.people.readiness import department_coverage

from .models import Space

DEPARTMENT_SHARE = "spaces_department_share"
_defaults = Space.default_departments.through


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
