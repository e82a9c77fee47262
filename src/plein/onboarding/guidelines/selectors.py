"""Reading the posting guidelines."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from ..models import PostingGuidelines
from ..tips.texts import markdown_html, tip_language


def guidelines_get() -> PostingGuidelines | None:
    return (
        PostingGuidelines.objects.select_related("updated_by")
        .filter(pk=PostingGuidelines.SINGLETON_PK)
        .first()
    )


def guidelines_in_language(
    guidelines: PostingGuidelines | None, language: str | None = None
) -> SafeString:
    """The guidelines in the active language, as safe HTML ("" when there are none yet)."""
    if guidelines is None:
        return mark_safe("")
    body = guidelines.body_nl if tip_language(language) == "nl" else guidelines.body_en
    return markdown_html(body)
