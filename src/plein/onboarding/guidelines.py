"""The posting guidelines ("what may I post here?"): reading them and changing them.

One row (PostingGuidelines, pk 1) holds the Markdown in Dutch and English; a data migration
writes a starter text. The page shows the text in the active language (Dutch for nl, English
otherwise), rendered like the tips: markdown-it without raw HTML, then nh3.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from plein.core.permissions import require
from plein.people.models import Person

from .models import PostingGuidelines
from .permissions import can_manage_tips
from .tips import markdown_html, tip_language


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


def guidelines_update(*, by: Person, body_nl: str, body_en: str) -> PostingGuidelines:
    """Write the guidelines in both languages (both are required)."""
    require(can_manage_tips(by))
    body_nl, body_en = body_nl.strip(), body_en.strip()
    errors = {}
    if not body_nl:
        errors["body_nl"] = _("Write the guidelines in Dutch.")
    if not body_en:
        errors["body_en"] = _("Write the guidelines in English.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        guidelines = (
            PostingGuidelines.objects.select_for_update()
            .filter(pk=PostingGuidelines.SINGLETON_PK)
            .first()
        ) or PostingGuidelines(pk=PostingGuidelines.SINGLETON_PK)
        guidelines.body_nl, guidelines.body_en, guidelines.updated_by = body_nl, body_en, by
        guidelines.full_clean()
        guidelines.save()
    return guidelines
