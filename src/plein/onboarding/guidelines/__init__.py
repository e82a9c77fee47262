"""The posting guidelines ("what may I post here?"): reading them and changing them.

One row (PostingGuidelines, pk 1) holds the Markdown in Dutch and English; a data migration
writes a starter text. The page shows the text in the active language (Dutch for nl, English
otherwise), rendered like the tips (plein.onboarding.tips.texts): markdown-it without raw HTML,
then nh3.

- selectors.py: reading them; services.py: changing them (community managers);
- forms.py and views.py: the page, the edit form and its preview.
"""

from __future__ import annotations

from .selectors import guidelines_get, guidelines_in_language
from .services import guidelines_update

__all__ = ["guidelines_get", "guidelines_in_language", "guidelines_update"]
