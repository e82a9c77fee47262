"""{% avatar person size alt %}: see plein.people.avatars."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from ..avatars import avatar_html

register = template.Library()


@register.simple_tag
def avatar(person: object, size: object = "", alt: object = "") -> SafeString:
    return avatar_html(person, str(size or ""), str(alt or ""))
