"""News, events, notifications, search and documents through the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from plein.core.registries.search import index
from plein.documents.models import DocumentVersion
from plein.documents.tests.factories import DocumentFactory, pdf
from plein.events.models import RSVP, Event
from plein.events.tests.factories import EventFactory
from plein.news.models import NewsItem, ReadConfirmation
from plein.notifications.models import Notification
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .helpers import ALL_SCOPES, api_as, ids

pytestmark = pytest.mark.django_db


def _news_payload(**extra):  # type: ignore[no-untyped-def]
    return {"title": "Nieuwe kantine", "lead": "Open vanaf maandag.", "body": "Alles.", **extra}


def test_an_editor_publishes_a_targeted_must_read_with_the_news_scope() -> None:
    editor = PersonFactory(roles=["editor"])
    finance, sales = DepartmentFactory(name="Financiën"), DepartmentFactory(name="Verkoop")
    reader = PersonFactory(department=finance)
    outsider = PersonFactory(department=sales)
    without_news = api_as(editor, ("read", "write"))
    assert without_news.post("/news/", _news_payload()).status_code == 403

    client = api_as(editor)
    response = client.post("/news/", _news_payload(must_read=True, departments=[finance.pk]))
    assert response.status_code == 201, response.content
    item = NewsItem.objects.get()
    assert item.must_read and item.post.is_targeted
    assert response.data["audience_departments"] == [finance.pk]

    as_reader = api_as(reader)
    shown = as_reader.get(f"/news/{item.pk}").data
    assert shown["must_read"] and shown["can_confirm"] and not shown["confirmed_by_me"]
    assert as_reader.post(f"/news/{item.pk}/confirm").data["confirmed_by_me"] is True
    assert ReadConfirmation.objects.filter(news=item, person=reader).count() == 1
    assert item.pk in ids(as_reader.get("/news/"))
    assert api_as(outsider).get(f"/news/{item.pk}").status_code == 404
    assert item.pk not in ids(api_as(outsider).get("/news/"))

    bad = client.post("/news/", _news_payload(departments=[987654]))
    assert bad.status_code == 422 and "departments" in bad.data["errors"]


def test_only_editors_publish_news_even_with_the_scope() -> None:
    response = api_as(PersonFactory()).post("/news/", _news_payload())
    assert response.status_code == 403
    assert not Post.objects.exists()


def test_events_list_create_update_and_rsvp() -> None:
    me = PersonFactory()
    space = SpaceFactory(kind="closed")
    MembershipFactory(space=space, person=me)
    public = EventFactory(capacity=1)
    in_space = EventFactory(space=space)
    hidden = EventFactory(space=SpaceFactory(kind="closed"))
    EventFactory(starts_at=timezone.now() - timedelta(days=3))  # over
    client = api_as(me)
    assert ids(client.get("/events/")) == {public.pk, in_space.pk}
    assert client.get(f"/events/{hidden.pk}").status_code == 404

    start = timezone.now() + timedelta(days=5)
    payload = {
        "title": "Teamdag",
        "location": "Het bos",
        "category": "social",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=3)).isoformat(),
        "space": space.slug,
    }
    created = client.post("/events/", payload)
    assert created.status_code == 201, created.content
    event = Event.objects.get(pk=created.data["id"])
    assert (event.space, event.organiser, event.title) == (space, me, "Teamdag")
    changed = client.put(f"/events/{event.pk}", {**payload, "title": "Teamuitje"})
    assert changed.data["title"] == "Teamuitje"
    bad = client.put(f"/events/{event.pk}", {**payload, "location": ""})
    assert bad.status_code == 422 and "location" in bad.data["errors"]
    assert api_as(PersonFactory()).put(f"/events/{public.pk}", payload).status_code == 403

    assert client.put(f"/events/{public.pk}/rsvp", {"state": "going"}).data["my_answer"] == "going"
    other = api_as(PersonFactory())
    waiting = other.put(f"/events/{public.pk}/rsvp", {"state": "going"}).data
    assert waiting["my_answer"] == "waitlisted"
    assert RSVP.objects.filter(event=public).count() == 2


def test_notifications_list_count_and_mark_read() -> None:
    me = PersonFactory()
    actor = PersonFactory(first_name="Anna", last_name="Kok")
    post = PostFactory(author=me)
    first = Notification.objects.create(recipient=me, actor=actor, kind="comment", post=post)
    Notification.objects.create(recipient=me, actor=actor, kind="reaction", post=post)
    Notification.objects.create(recipient=actor, actor=me, kind="reaction", post=post)
    client = api_as(me)
    page = client.get("/notifications/").data
    assert len(page["items"]) == 2 and page["items"][0]["text"].startswith("Anna Kok")
    assert client.get("/notifications/unread-count").data == {"unread": 2}
    assert client.post(f"/notifications/{first.pk}/read").data["read"] is True
    assert client.get("/notifications/", {"unread": True}).data["items"][0]["kind"] == "reaction"
    assert client.post("/notifications/read").data == {"marked": 1}
    assert client.get("/notifications/unread-count").data == {"unread": 0}
    others = Notification.objects.get(recipient=actor)
    assert client.post(f"/notifications/{others.pk}/read").status_code == 404


def test_search_finds_what_the_search_page_finds_and_no_more() -> None:
    me = PersonFactory()
    open_post = PostFactory(body="Het zomerfeest wordt geweldig")
    secret = SpaceFactory(kind="secret")
    hidden_post = PostFactory(body="Het zomerfeest in het geheim", space=secret)
    for post in (open_post, hidden_post):
        index("post", post)
    client = api_as(me)
    found = client.get("/search/", {"q": "zomerfeest"}).data
    assert [(r["kind"], r["id"]) for r in found["items"]] == [("post", open_post.pk)]
    assert "<mark>" in found["items"][0]["snippet"]
    assert client.get("/search/", {"q": ""}).status_code == 422


def test_documents_list_detail_and_a_new_version_as_multipart() -> None:
    me = PersonFactory()
    space = SpaceFactory(kind="closed")
    MembershipFactory(space=space, person=me)
    mine = DocumentFactory(space=space, title="Aa protocol", owner=me)
    hidden = DocumentFactory(space=SpaceFactory(kind="closed"), title="Bb geheim")
    client = api_as(me)
    listed = ids(client.get("/documents/"))
    assert mine.pk in listed and hidden.pk not in listed
    detail = client.get(f"/documents/{mine.pk}").data
    assert [v["number"] for v in detail["versions"]] == [1]
    assert client.get(f"/documents/{hidden.pk}").status_code == 404

    upload = SimpleUploadedFile("nieuw.pdf", pdf("Versie twee"), content_type="application/pdf")
    response = client.client.post(
        f"/api/v1/documents/{mine.pk}/versions", {"file": upload}, headers=client.headers
    )
    assert response.status_code == 201, response.content
    assert DocumentVersion.objects.filter(document=mine).count() == 2
    junk = SimpleUploadedFile("x.pdf", b"\x00\xff" * 50, content_type="application/pdf")
    response = client.client.post(
        f"/api/v1/documents/{mine.pk}/versions", {"file": junk}, headers=client.headers
    )
    assert response.status_code == 422
    colleague = PersonFactory()
    MembershipFactory(space=space, person=colleague)
    member = api_as(colleague)
    response = member.client.post(
        f"/api/v1/documents/{mine.pk}/versions", {"file": upload}, headers=member.headers
    )
    assert response.status_code == 403  # only its owner and the space's moderators
    outsider = api_as(PersonFactory(), ALL_SCOPES)
    response = outsider.client.post(
        f"/api/v1/documents/{mine.pk}/versions", {"file": upload}, headers=outsider.headers
    )
    assert response.status_code == 404
