"""Readiness check for the wiki: pages that everyone can read from the first day."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.paths import path
from plein.core.registries.readiness import Check, Result, Threshold, at_least, register
from plein.spaces.models import Space

MINIMUM = "wiki_minimum"


def _wiki(values: dict[str, int]) -> Result:
    # Pages in the spaces everyone is in by default: the wiki every colleague finds at launch.
    spaces = list(
        Space.objects.filter(is_default_for_everyone=True)
        .annotate(pages=Count("wiki_pages"))
        .order_by("-pages", "name", "pk")
        .values_list("slug", "pages")
    )
    count = sum(pages for _slug, pages in spaces)
    summary = _(
        "Wiki pages in spaces everyone is a member of: %(count)s (wanted: at least %(minimum)s)."
    ) % {"count": count, "minimum": values[MINIMUM]}
    # Where the most pages are already, or the place to make a space for everyone.
    fix_url = path("wiki:index", spaces[0][0]) if spaces else path("spaces:create")
    return at_least(count, values[MINIMUM], summary=summary, fix_url=fix_url)


register(
    Check(
        key="wiki",
        label=gettext_lazy("The wiki has pages for everyone"),
        order=55,
        evaluate=_wiki,
        fix_url=lambda: path("spaces:directory"),
        thresholds=(
            Threshold(
                MINIMUM,
                gettext_lazy("Wiki pages for everyone"),
                3,
                gettext_lazy(
                    "At least this many wiki pages in spaces that are a default for everyone, "
                    "such as how-tos and answers to common questions. 0 switches this off."
                ),
                maximum=10000,
            ),
        ),
    )
)
