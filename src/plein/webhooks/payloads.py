"""What a webhook may receive: the kinds of event, and each one's payload as the owner sees it.

Each kind builds the `data` of its message for one webhook's owner with the content app's own
rule (posts.permissions.can_view_post, events.permissions.can_view_event, ...): what the owner
may not see is not sent at all (the builder returns None), and a webhook limited to a space
gets only what happened in that space. People have no space: a space filter leaves them alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from plein.core.paths import absolute_url
from plein.core.registries import events as event_bus
from plein.events import permissions as event_rules
from plein.events.models import Event
from plein.news.models import NewsItem
from plein.people import permissions as people_rules
from plein.people.models import Person
from plein.posts import permissions as post_rules
from plein.posts.models import Post
from plein.spaces.models import Space

QUESTION_UNANSWERED = "question.unanswered"  # found by the daily job of this app
EXCERPT_CHARS = 280

Data = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    build: Callable[[Person, int], Data | None]  # (owner, object id) -> data, None: not sent
    once: bool  # happens once per object: a webhook gets it once, whatever is emitted again
    in_spaces: bool  # can happen in a space (a webhook's space filter applies)


def _person(person: Person | None) -> Data | None:
    if person is None:
        return None
    return {
        "id": person.pk,
        "name": person.full_name,
        "url": absolute_url(person.get_absolute_url()),
    }


def _space(space: Space | None) -> Data | None:
    if space is None:
        return None
    return {"id": space.pk, "name": space.name, "url": absolute_url(space.get_absolute_url())}


def _excerpt(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(EXCERPT_CHARS)


def _published_post(owner: Person, pk: int, kind: str | None = None) -> Post | None:
    post = Post.objects.select_related("author", "space").filter(pk=pk).first()
    if post is None or post.deleted_at is not None or post.created_at > timezone.now():
        return None
    if kind is not None and post.kind != kind:
        return None
    return post if post_rules.can_view_post(owner, post) else None


def _post_data(post: Post) -> Data:
    return {
        "id": post.pk,
        "kind": post.kind,
        "title": post.title,
        "excerpt": _excerpt(post.body),
        "url": absolute_url(post.get_absolute_url()),
        "published_at": post.created_at.isoformat(),
        "space": _space(post.space),
        "author": _person(post.author),
    }


def post_created(owner: Person, pk: int) -> Data | None:
    post = _published_post(owner, pk)
    return _post_data(post) if post is not None and post.space_id is not None else None


def news_published(owner: Person, pk: int) -> Data | None:
    post = _published_post(owner, pk, Post.Kind.NEWS)
    if post is None:
        return None
    lead = NewsItem.objects.filter(pk=post.pk).values_list("lead", flat=True).first()
    return {**_post_data(post), "lead": lead or ""}


def question_unanswered(owner: Person, pk: int) -> Data | None:
    post = _published_post(owner, pk, Post.Kind.QUESTION)
    if post is None or post.comment_count:
        return None
    return {**_post_data(post), "asked_at": post.created_at.isoformat()}


def event_data(owner: Person, pk: int) -> Data | None:
    event = Event.objects.select_related("space", "organiser").filter(pk=pk).first()
    if event is None or not event_rules.can_view_event(owner, event):
        return None
    return {
        "id": event.pk,
        "title": event.title,
        "excerpt": _excerpt(event.description),
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "all_day": event.all_day,
        "location": event.location,
        "cancelled": event.cancelled,
        "url": absolute_url(event.get_absolute_url()),
        "space": _space(event.space),
        "organiser": _person(event.organiser),
    }


def person_data(owner: Person, pk: int) -> Data | None:
    person = Person.objects.select_related("department", "location").filter(pk=pk).first()
    if person is None or not people_rules.can_view_profile(owner, person):
        return None
    return {
        **(_person(person) or {}),
        "active": person.is_active,
        "job_title": person.job_title,
        "department": person.department.name if person.department else None,
        "location": person.location.name if person.location else None,
    }


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind(event_bus.POST_CREATED, _("A post in a space"), post_created, True, True),
        Kind(event_bus.NEWS_PUBLISHED, _("News published"), news_published, True, False),
        Kind(event_bus.EVENT_CREATED, _("An event planned"), event_data, True, True),
        Kind(event_bus.EVENT_UPDATED, _("An event changed"), event_data, False, True),
        Kind(event_bus.PERSON_JOINED, _("Someone joined"), person_data, False, False),
        Kind(event_bus.PERSON_LEFT, _("Someone left"), person_data, False, False),
        Kind(
            QUESTION_UNANSWERED, _("A question without an answer"), question_unanswered, True, True
        ),
    )
}


def space_of(kind: Kind, data: Data) -> int | None:
    space = data.get("space")
    return space["id"] if kind.in_spaces and space else None
