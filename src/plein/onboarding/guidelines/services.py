"""Changing the posting guidelines (community managers)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plein.core.permissions import require
from plein.people.models import Person

from ..models import PostingGuidelines
from ..permissions import can_manage_tips


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
