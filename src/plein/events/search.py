"""What the site-wide search finds of the agenda (plein.core.registries.search).

An event (each occurrence of a series is one) is found by its title, description and place;
who finds it: whoever may see it (permissions.visible_events), decided in the search query.
Cancelled events stay findable, as they stay visible. Its date for "newest first" and the
period facet is when it was planned (created_at), like every other kind, not when it starts.
"""

from __future__ import annotations

import html

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from plein.core.registries.search import Entry, SearchKind

from .models import Event
from .permissions import visible_events


def event_entry(event: Event) -> Entry:
    description = " ".join(html.unescape(strip_tags(event.description_html)).split())
    return Entry(
        title=event.title,
        url=event.get_absolute_url(),
        created_at=event.created_at,
        body="\n".join(part for part in (description, event.location) if part),
        space_id=event.space_id,
        author_id=event.organiser_id,
    )


EVENTS = SearchKind(
    key="event",
    order=70,
    label=_("Agenda"),
    visible=visible_events,
    entry=event_entry,
    objects=lambda: Event.objects.all(),
)
