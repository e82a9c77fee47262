"""Readiness check for the organisation-wide document library."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.paths import path
from plein.core.registries.readiness import Check, Result, Threshold, at_least, register

from .models import Document

MINIMUM = "documents_minimum"


def _documents(values: dict[str, int]) -> Result:
    # The organisation-wide library: documents outside spaces that have a file.
    count = Document.objects.filter(space__isnull=True, current_version__isnull=False).count()
    summary = _(
        "Documents in the organisation's library: %(count)s (wanted: at least %(minimum)s)."
    ) % {"count": count, "minimum": values[MINIMUM]}
    return at_least(count, values[MINIMUM], summary=summary)


register(
    Check(
        key="documents",
        label=gettext_lazy("The document library has documents"),
        order=50,
        evaluate=_documents,
        fix_url=lambda: path("documents:library"),
        thresholds=(
            Threshold(
                MINIMUM,
                gettext_lazy("Documents in the library"),
                5,
                gettext_lazy(
                    "At least this many documents in the organisation-wide library, such as "
                    "protocols, manuals and forms. 0 switches this off."
                ),
                maximum=10000,
            ),
        ),
    )
)
