"""Each write path emits its event after the commit, and a webhook carries only what its owner
may see: a secret space's post is not delivered, a space filter narrows further."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from plein.accounts.services import person_deactivate, person_reactivate
from plein.core.registries import events as event_bus
from plein.core.registries.events import LISTENERS, Event, Listener
from plein.events import services as event_services
from plein.events.models import Event as AgendaEvent
from plein.news import services as news_services
from plein.news.tests.factories import news_item
from plein.people.imports import people_import_csv
from plein.people.models import Person
from plein.people.services import person_create
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.services import Reach, post_create
from plein.spaces.models import Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .. import payloads, services
from ..models import Delivery
from .conftest import make_webhook

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():  # type: ignore[no-untyped-def]
    """The events emitted in the test, recorded by a listener of their own."""
    received: list[Event] = []
    with LISTENERS.only(Listener(key="test", order=1, receive=received.extend)):
        yield received


def _event_data(**overrides):  # type: ignore[no-untyped-def]
    start = timezone.now() + timedelta(days=3)
    values = {
        "title": "Vrijdagmiddagborrel",
        "description": "",
        "category": AgendaEvent.Category.SOCIAL,
        "location": "Kantine",
        "online_url": "",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
    }
    return event_services.EventData(**{**values, **overrides})


def test_posts_news_and_events_emit_after_the_commit(heard, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    member = PersonFactory()
    MembershipFactory(space=space, person=member)
    editor = PersonFactory(roles=["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=member, space=space, body="Hallo")
        post_create(author=member, body="Op mijn profiel")  # not in a space: not told
        item = news_item(author=editor)
        [event] = event_services.event_create(creator=editor, data=_event_data())
        event_services.event_update(event=event, editor=editor, data=_event_data(title="Borrel"))
        event_services.event_cancel(event=event, by=editor)
    assert [(e.kind, e.object_id, e.actor_id) for e in heard] == [
        (event_bus.POST_CREATED, post.pk, member.pk),
        (event_bus.NEWS_PUBLISHED, item.post_id, editor.pk),
        (event_bus.EVENT_CREATED, event.pk, editor.pk),
        (event_bus.EVENT_UPDATED, event.pk, editor.pk),
        (event_bus.EVENT_UPDATED, event.pk, editor.pk),
    ]
    assert heard[0].space_id == space.pk


def test_planned_news_is_told_for_its_moment_once(heard, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    editor = PersonFactory(roles=["editor"])
    moment = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        news_item(author=editor, reach=Reach(publish_at=moment))
    [planned] = heard
    assert (planned.kind, planned.at) == (event_bus.NEWS_PUBLISHED, moment)


def test_nothing_is_emitted_for_a_change_rolled_back(heard, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    member = PersonFactory()
    MembershipFactory(space=space, person=member)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        post_create(author=member, space=space, body="Hallo")
        raise RuntimeError
    assert heard == []


def test_people_joining_and_leaving_are_emitted_by_hand_and_by_the_import(  # type: ignore[no-untyped-def]
    heard, django_capture_on_commit_callbacks
):
    administrator = PersonFactory(roles=["administrator"])
    leaver = PersonFactory(employee_number="2002")
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = person_create(first_name="Noor", last_name="Bakker", email="noor@example.org")
        person_deactivate(person=newcomer, actor=administrator)
        person_reactivate(person=newcomer, actor=administrator)
        csv = (
            "employee_number,email,first_name,last_name,active\n"
            "2001,sem@example.org,Sem,Visser,ja\n"
            f"2002,{leaver.email},{leaver.first_name},{leaver.last_name},nee\n"
        )
        people_import_csv(file=io.BytesIO(csv.encode()), actor=administrator)
    sem = Person.objects.get(email="sem@example.org")
    assert [(e.kind, e.object_id) for e in heard] == [
        (event_bus.PERSON_JOINED, newcomer.pk),
        (event_bus.PERSON_LEFT, newcomer.pk),
        (event_bus.PERSON_JOINED, newcomer.pk),
        (event_bus.PERSON_JOINED, sem.pk),
        (event_bus.PERSON_LEFT, leaver.pk),
    ]


def test_a_webhook_carries_only_what_its_owner_may_see(  # type: ignore[no-untyped-def]
    administrator, receiver, django_capture_on_commit_callbacks
):
    secret = SpaceFactory(kind=Space.Kind.SECRET)
    open_space = SpaceFactory(kind=Space.Kind.OPEN)
    member = PersonFactory()
    for space in (secret, open_space):
        MembershipFactory(space=space, person=member)
    webhook = make_webhook(administrator, receiver.url, [event_bus.POST_CREATED])
    with django_capture_on_commit_callbacks(execute=True):
        hidden = post_create(author=member, space=secret, body="Reorganisatieplannen")
        shown = post_create(author=member, space=open_space, body="Lunchwandeling")
    assert list(webhook.deliveries.values_list("payload__data__id", flat=True)) == [shown.pk]
    assert all(b"Reorganisatie" not in request.body for request in receiver.requests)
    assert payloads.post_created(administrator, hidden.pk) is None

    MembershipFactory(space=secret, person=administrator)  # now the owner may see it
    assert payloads.post_created(administrator, hidden.pk) is not None


def test_a_space_filter_narrows_and_events_happen_once(administrator, receiver):  # type: ignore[no-untyped-def]
    space, elsewhere = SpaceFactory(), SpaceFactory()
    member = PersonFactory()
    for each in (space, elsewhere):
        MembershipFactory(space=each, person=member)
    webhook = make_webhook(
        administrator, receiver.url, [event_bus.POST_CREATED, event_bus.PERSON_JOINED], space=space
    )
    inside = post_create(author=member, space=space, body="Hier")
    outside = post_create(author=member, space=elsewhere, body="Daar")
    told = [
        Event(event_bus.POST_CREATED, inside.pk),
        Event(event_bus.POST_CREATED, outside.pk),
        Event(event_bus.POST_CREATED, inside.pk),  # again: sent once
        Event(event_bus.PERSON_JOINED, member.pk),  # people have no space: not narrowed
        Event(event_bus.EVENT_CREATED, 1),  # not chosen
    ]
    services.events_receive(events=told)
    assert sorted(webhook.deliveries.values_list("event_type", "payload__data__id")) == [
        (event_bus.PERSON_JOINED, member.pk),
        (event_bus.POST_CREATED, inside.pk),
    ]


def test_a_question_without_an_answer_is_told_once_after_its_days(administrator, receiver):  # type: ignore[no-untyped-def]
    now = timezone.now()
    webhook = make_webhook(
        administrator, receiver.url, [payloads.QUESTION_UNANSWERED], unanswered_days=3
    )
    webhook.created_at = now - timedelta(days=2)
    webhook.save()
    asker = PersonFactory()
    old, answered, recent, ancient = (
        post_create(author=asker, body="Waar vind ik…?", kind=Post.Kind.QUESTION, title=title)
        for title in ("Oud", "Beantwoord", "Nieuw", "Heel oud")
    )
    for post, days in ((old, 4), (answered, 4), (recent, 1), (ancient, 30)):
        Post.objects.filter(pk=post.pk).update(created_at=now - timedelta(days=days))
    Post.objects.filter(pk=answered.pk).update(comment_count=1)

    assert [d.payload["data"]["id"] for d in services.questions_unanswered_emit(now=now)] == [
        old.pk
    ]
    assert services.questions_unanswered_emit(now=now + timedelta(hours=1)) == []
    assert Delivery.objects.get().payload["data"]["title"] == "Oud"


def test_a_news_item_changed_is_told_only_when_it_was_planned(
    heard, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    editor = PersonFactory(roles=["editor"])
    planned = news_item(author=editor, reach=Reach(publish_at=timezone.now() + timedelta(days=2)))
    published = news_item(author=editor)
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for item in (planned, published):  # both published now
            now = Reach(publish_at=timezone.now())
            news_services.news_update(
                item=item, editor=editor, title="Nieuw", lead="Kort.", body="Tekst", reach=now
            )
    assert [(e.kind, e.object_id, e.at) for e in heard] == [
        (event_bus.NEWS_PUBLISHED, planned.post_id, None)
    ]


def test_a_webhook_of_someone_who_is_no_longer_an_administrator_sends_nothing(  # type: ignore[no-untyped-def]
    administrator, receiver
):
    webhook = make_webhook(administrator, receiver.url, [event_bus.PERSON_JOINED])
    newcomer = PersonFactory()
    administrator.groups.clear()
    assert services.events_receive(events=[Event(event_bus.PERSON_JOINED, newcomer.pk)]) == []
    assert not webhook.deliveries.exists()
