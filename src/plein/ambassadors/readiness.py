"""Readiness check for the ambassador programme: an ambassador for every department."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from plein.core.registries.readiness import Check, Result, Threshold, register
from plein.people.readiness import department_coverage

from .models import Ambassador

SHARE = "ambassadors_department_share"


def _ambassadors(values: dict[str, int]) -> Result:
    served = Ambassador.objects.filter(person__is_active=True, department__isnull=False)
    return department_coverage(
        served.values_list("department_id", flat=True),
        values[SHARE],
        summary=lambda covered, total, percent: (
            ngettext(
                "%(covered)s of %(total)s department (%(percent)s%%) has an ambassador; wanted: "
                "%(minimum)s%%.",
                "%(covered)s of %(total)s departments (%(percent)s%%) have an ambassador; wanted: "
                "%(minimum)s%%.",
                total,
            )
            % {"covered": covered, "total": total, "percent": percent, "minimum": values[SHARE]}
        ),
        uncovered=lambda name: _("No ambassador for %(department)s") % {"department": name},
    )


register(
    Check(
        key="ambassadors",
        label=gettext_lazy("Every department has an ambassador"),
        order=80,
        evaluate=_ambassadors,
        fix_url=lambda: reverse("ambassadors:manage"),
        thresholds=(
            Threshold(
                SHARE,
                gettext_lazy("Departments with an ambassador (%)"),
                100,
                gettext_lazy(
                    "The share of departments with people in them that have an ambassador, "
                    "their own or one of a department above them. 0 switches this off."
                ),
                maximum=100,
            ),
        ),
    )
)
