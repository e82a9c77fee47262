from __future__ import annotations

from typing import Any

from plein.people.tests.factories import PersonFactory
from plein.posts.services import EVERYONE_NOW, Reach

from .. import services
from ..models import NewsItem


def news_item(
    *,
    author: Any = None,
    title: str = "Nieuws van de redactie",
    lead: str = "Een korte inleiding.",
    body: str = "De hele tekst van het bericht.",
    reach: Reach = EVERYONE_NOW,
    **flags: Any,
) -> NewsItem:
    """A news item written through the service (so its post and rules are real)."""
    author = author or PersonFactory(roles=["editor"])
    return services.news_create(
        author=author, title=title, lead=lead, body=body, reach=reach, **flags
    )
