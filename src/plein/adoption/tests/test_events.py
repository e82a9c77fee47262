"""Usage events: buffered per request (one INSERT), on commit outside requests, and recorded by
the middleware (visits, views) and by the write paths of the other apps."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plein.adoption import events
from plein.adoption.middleware import SESSION_KEY, VISIT_GAP
from plein.adoption.models import Kind, UsageEvent
from plein.people.tests.factories import PersonFactory
from plein.posts.tests.factories import PostFactory

MIDDLEWARE = "plein.adoption.middleware.UsageEventMiddleware"


@pytest.fixture(autouse=True)
def usage_middleware(settings):  # type: ignore[no-untyped-def]
    """The middleware where the lead puts it: right after the launch gate."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        gate = middleware.index("plein.launch.middleware.LaunchGateMiddleware")
        middleware.insert(gate + 1, MIDDLEWARE)
        settings.MIDDLEWARE = middleware


def _kinds(person=None) -> list[str]:  # type: ignore[no-untyped-def]
    found = UsageEvent.objects.order_by("pk")
    if person is not None:
        found = found.filter(person=person)
    return list(found.values_list("kind", flat=True))


def _inserts(context: CaptureQueriesContext) -> int:
    table = UsageEvent._meta.db_table
    return sum(
        1
        for query in context.captured_queries
        if query["sql"].lstrip().upper().startswith("INSERT") and table in query["sql"]
    )


# --- record() ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_outside_a_request_events_wait_for_the_commit_and_are_written_in_one_insert() -> None:
    person = PersonFactory()
    with CaptureQueriesContext(connection) as context, transaction.atomic():
        events.record(person, Kind.SEARCH, detail="verlof", count=3)
        events.record(person, Kind.VIEW, subject="posts", object_id=7)
        assert not UsageEvent.objects.exists()  # not yet: on commit
    assert _inserts(context) == 1
    search, view = UsageEvent.objects.order_by("pk")
    assert (search.kind, search.detail, search.count) == (Kind.SEARCH, "verlof", 3)
    assert (view.subject, view.object_id) == ("posts", 7)


@pytest.mark.django_db(transaction=True)
def test_nothing_is_recorded_for_a_rolled_back_change() -> None:
    person = PersonFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        events.record(person, Kind.POST)
        raise RuntimeError
    with transaction.atomic():
        events.record(person, Kind.COMMENT)
        try:
            with transaction.atomic():
                events.record(person, Kind.REACTION)
                raise RuntimeError
        except RuntimeError:
            pass
        events.record(person, Kind.VOTE)
    assert sorted(_kinds()) == [Kind.COMMENT, Kind.VOTE]


@pytest.mark.django_db(transaction=True)
def test_without_a_transaction_an_event_is_written_at_once_and_anonymous_is_ignored() -> None:
    from django.contrib.auth.models import AnonymousUser

    person = PersonFactory()
    events.record(person, Kind.SEARCH)
    assert _kinds() == [Kind.SEARCH]
    events.record(AnonymousUser(), Kind.VISIT)
    events.record(None, Kind.VISIT)
    assert _kinds() == [Kind.SEARCH]


# --- The middleware ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_request_writes_its_events_with_one_insert(client) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory()
    client.force_login(person)
    with CaptureQueriesContext(connection) as context:
        response = client.post(reverse("posts:create"), {"body": "Koffie staat klaar"})
    assert response.status_code in (200, 302)
    assert sorted(_kinds(person)) == sorted([Kind.VISIT, Kind.POST])
    assert _inserts(context) == 1
    post = UsageEvent.objects.get(kind=Kind.POST)
    assert post.subject == "post" and post.object_id is not None


@pytest.mark.django_db(transaction=True)
def test_a_request_writes_its_events_only_after_the_response_is_sent(rf) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    from plein.adoption.middleware import UsageEventMiddleware
    from plein.core.after_response import AfterResponseMiddleware

    person = PersonFactory()

    def view(request):  # type: ignore[no-untyped-def]
        events.record(request.user, Kind.SEARCH, detail="verlof")
        return HttpResponse("ok")

    request = rf.get("/zoeken/")
    request.user = person
    request.session = SessionStore()
    response = AfterResponseMiddleware(UsageEventMiddleware(view))(request)
    assert response.content == b"ok"
    assert not UsageEvent.objects.exists()  # the server has not closed the response yet
    response.close()
    assert sorted(_kinds(person)) == sorted([Kind.VISIT, Kind.SEARCH])


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_only_the_event_insert_skips_waiting_for_the_disk() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's")
    person = PersonFactory()
    with CaptureQueriesContext(connection) as context:
        events.write([events.make_event(person, Kind.VISIT)])  # type: ignore[list-item]
    assert "SET LOCAL synchronous_commit TO OFF" in [q["sql"] for q in context.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # only that transaction
    with CaptureQueriesContext(connection) as context, transaction.atomic():
        events.write([events.make_event(person, Kind.VIEW)])  # type: ignore[list-item]
    assert not any("synchronous_commit" in q["sql"] for q in context.captured_queries)
    assert _kinds(person) == [Kind.VISIT, Kind.VIEW]


@pytest.mark.django_db
def test_a_visit_is_recorded_once_per_30_minutes(client) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory()
    client.force_login(person)
    client.get(reverse("posts:feed"))
    client.get(reverse("posts:feed"))
    assert _kinds(person) == [Kind.VISIT]

    session = client.session
    session[SESSION_KEY] = int(time.time()) - VISIT_GAP + 120  # 28 minutes ago: same visit
    session.save()
    client.get(reverse("posts:feed"))
    assert _kinds(person) == [Kind.VISIT]

    session = client.session
    session[SESSION_KEY] = int(time.time()) - VISIT_GAP - 60  # 31 minutes ago: a new visit
    session.save()
    client.get(reverse("posts:feed"))
    assert _kinds(person) == [Kind.VISIT, Kind.VISIT]


def test_anonymous_requests_record_nothing(client, db) -> None:  # type: ignore[no-untyped-def]
    client.get(reverse("account_login") if _has("account_login") else "/account/login/")
    assert not UsageEvent.objects.exists()


def _has(name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


@pytest.mark.django_db
def test_a_detail_page_of_any_app_is_a_view(client) -> None:  # type: ignore[no-untyped-def]
    from plein.events.tests.factories import EventFactory

    person = PersonFactory()
    post = PostFactory(author=person)
    event = EventFactory()
    client.force_login(person)
    assert client.get(reverse("posts:detail", args=[post.pk])).status_code == 200
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200
    client.get(reverse("posts:feed"))  # not a detail page
    client.get(reverse("posts:detail", args=[post.pk + 1000]))  # not found: no view
    views = UsageEvent.objects.filter(kind=Kind.VIEW).order_by("pk")
    assert [(view.subject, view.object_id) for view in views] == [
        ("posts", post.pk),
        ("events", event.pk),
    ]


# --- The write paths --------------------------------------------------------------------------


@pytest.fixture
def capture(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    def run(action):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.mark.django_db
def test_posts_comments_and_reactions_are_recorded(capture) -> None:  # type: ignore[no-untyped-def]
    from plein.posts import services

    author, other = PersonFactory(), PersonFactory()
    post = capture(lambda: services.post_create(author=author, body="Hallo allemaal"))
    capture(lambda: services.comment_create(post=post, author=other, body="Hoi!"))
    capture(lambda: services.reaction_set(person=other, post=post, kind="like"))
    capture(lambda: services.reaction_set(person=other, post=post, kind="like"))  # taken back
    assert _kinds(author) == [Kind.POST]
    assert _kinds(other) == [Kind.COMMENT, Kind.REACTION]
    assert set(UsageEvent.objects.values_list("object_id", flat=True)) == {post.pk}


@pytest.mark.django_db
def test_rsvp_read_and_votes_are_recorded(capture) -> None:  # type: ignore[no-untyped-def]
    from plein.events import services as event_services
    from plein.events.models import RSVP
    from plein.events.tests.factories import EventFactory
    from plein.ideas import services as idea_services
    from plein.ideas.tests.factories import IdeaFactory
    from plein.news import services as news_services
    from plein.news.tests.factories import news_item
    from plein.polls import services as poll_services
    from plein.polls.models import Contest
    from plein.polls.tests.factories import ContestFactory, EntryFactory

    person = PersonFactory()
    event = EventFactory()
    capture(lambda: event_services.rsvp_set(event=event, person=person, state=RSVP.State.GOING))
    item = news_item(must_read=True)
    capture(lambda: news_services.news_confirm_read(item=item, person=person))
    capture(lambda: news_services.news_confirm_read(item=item, person=person))  # again: nothing
    idea = IdeaFactory()
    capture(lambda: idea_services.idea_vote(person=person, post=idea.post, support=True))
    poll = poll_services.poll_create(
        author=PersonFactory(), question="Waar lunchen we?", choices=["Kantine", "Park"]
    )
    choice = poll.poll_details.choices.first()
    capture(lambda: poll_services.poll_vote(person=person, post=poll, choice_ids=[choice.pk]))
    now = timezone.now()
    contest = ContestFactory(
        submissions_open_until=now - timedelta(days=1), voting_open_until=now + timedelta(days=1)
    )
    assert contest.phase() == Contest.Phase.VOTING
    entry = EntryFactory(contest=contest)
    capture(lambda: poll_services.entry_vote(entry=entry, person=person))
    found = list(UsageEvent.objects.filter(person=person).order_by("pk"))
    assert [(e.kind, e.subject) for e in found] == [
        (Kind.RSVP, "events"),
        (Kind.READ, "news"),
        (Kind.VOTE, "ideas"),
        (Kind.VOTE, "polls"),
        (Kind.VOTE, "contests"),
    ]


@pytest.mark.django_db
def test_uploads_and_wiki_edits_are_recorded(capture) -> None:  # type: ignore[no-untyped-def]
    from plein.documents import services as document_services
    from plein.documents.tests.factories import upload
    from plein.spaces.models import Membership
    from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
    from plein.wiki import services as wiki_services

    editor = PersonFactory(roles=["editor"])
    document = capture(
        lambda: document_services.document_create(
            by=editor, space=None, folder=None, title="Protocol", upload=upload()
        )
    )
    capture(lambda: document_services.version_add(document=document, by=editor, upload=upload()))
    space = SpaceFactory()
    writer = PersonFactory()
    MembershipFactory(space=space, person=writer, role=Membership.Role.MEMBER)
    page = capture(
        lambda: wiki_services.page_create(space=space, author=writer, title="Paspoort", body="1")
    )
    capture(
        lambda: wiki_services.page_update(
            page=page, editor=writer, title="Paspoort", body="1\n2", base_revision=1
        )
    )
    assert _kinds(editor) == [Kind.UPLOAD, Kind.UPLOAD]
    assert _kinds(writer) == [Kind.EDIT, Kind.EDIT]
    assert UsageEvent.objects.filter(kind=Kind.EDIT, object_id=page.pk).count() == 2
