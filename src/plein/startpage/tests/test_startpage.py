"""The start page: widgets in each person's order, the default layout, quick links, the
start-page hint and birthdays, with a query count that does not grow with the items shown."""

import io
import random
from datetime import date, timedelta

import pytest
from django.core.management.base import OutputWrapper
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from faker import Faker

from plein.blogs.tests.factories import BlogEntryFactory
from plein.events.tests.factories import RSVPFactory
from plein.news.tests.factories import news_item
from plein.people.tests.factories import PersonFactory
from plein.posts.tests.factories import PostFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
from plein.startpage import selectors, services
from plein.startpage.demo import startpage_step
from plein.startpage.models import Celebrations, QuickLink

pytestmark = pytest.mark.django_db
HOME = "/"


def _order(page: str, *keys: str) -> list[int]:
    return [page.index(f'id="widget-{key}"') for key in keys]


def test_start_page_shows_the_widgets_in_the_default_order(client, person) -> None:
    client.force_login(person)
    page = client.get(HOME).content.decode()
    for key in ("welcome", "stream", "profile", "quick_links", "my_spaces", "tip"):
        assert f'id="widget-{key}"' in page
    positions = _order(page, "profile", "quick_links", "my_spaces")
    assert positions == sorted(positions)


def test_hide_move_and_reset_your_own_start_page(client, person) -> None:
    client.force_login(person)
    arrange = reverse("startpage:arrange")
    assert client.post(arrange, {"key": "tip", "action": "hide"}).status_code == 302
    assert 'id="widget-tip"' not in client.get(HOME).content.decode()
    response = client.post(
        arrange, {"key": "my_spaces", "action": "up"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and 'id="arrange-list"' in response.content.decode()
    page = client.get(HOME).content.decode()
    assert _order(page, "my_spaces", "quick_links") == sorted(
        _order(page, "my_spaces", "quick_links")
    )
    client.post(arrange, {"reset": "1"})
    page = client.get(HOME).content.decode()
    assert 'id="widget-tip"' in page
    assert page.index('id="widget-quick_links"') < page.index('id="widget-my_spaces"')


def test_unknown_blocks_and_actions_change_nothing(client, person) -> None:
    client.force_login(person)
    arrange = reverse("startpage:arrange")
    client.post(arrange, {"key": "nonsense", "action": "hide"})
    client.post(arrange, {"key": "tip", "action": "explode"})
    assert 'id="widget-tip"' in client.get(HOME).content.decode()


def test_the_community_manager_sets_the_default(client, person, community_manager) -> None:
    client.force_login(person)
    assert client.get(reverse("startpage:arrange_default")).status_code == 403
    client.force_login(community_manager)
    client.post(reverse("startpage:arrange_default"), {"key": "tip", "action": "hide"})
    client.force_login(person)
    assert 'id="widget-tip"' not in client.get(HOME).content.decode()
    # Someone who arranged their own page keeps it.
    services.personal_layout_change(person=community_manager, key="tip", action="show")
    client.force_login(community_manager)
    assert 'id="widget-tip"' in client.get(HOME).content.decode()


def test_quick_links_are_managed_by_community_managers(client, person, community_manager) -> None:
    client.force_login(person)
    assert client.get(reverse("startpage:quick_links")).status_code == 403
    client.force_login(community_manager)
    bad = client.post(reverse("startpage:quick_links"), {"title": "Rooster", "url": "geen url"})
    assert bad.status_code == 400 and "Rooster" in bad.content.decode()
    client.post(
        reverse("startpage:quick_links"),
        {"title": "Rooster", "url": "https://rooster.example.org", "description": "Je diensten"},
    )
    client.post(reverse("startpage:quick_links"), {"title": "HR", "url": "https://hr.example.org"})
    second = QuickLink.objects.get(title="HR")
    client.post(reverse("startpage:quick_link_action", args=[second.pk]), {"action": "up"})
    assert [link.title for link in selectors.quick_links()] == ["HR", "Rooster"]
    client.force_login(person)
    assert "https://hr.example.org" in client.get(HOME).content.decode()


def test_the_start_page_hint_can_be_dismissed_for_good(client, person) -> None:
    client.force_login(person)
    assert 'id="start-hint"' in client.get(HOME).content.decode()
    client.post(reverse("startpage:dismiss_hint"))
    assert 'id="start-hint"' not in client.get(HOME).content.decode()


def test_birthdays_only_for_those_who_share_them(client, person) -> None:
    today = date(2026, 11, 23)
    sharing = PersonFactory(first_name="Ilse")
    private = PersonFactory(first_name="Bram")
    veteran = PersonFactory(first_name="Kees")
    services.celebrations_update(
        person=sharing, birth_day=23, birth_month=11, started_on=None, share=True
    )
    services.celebrations_update(
        person=private, birth_day=23, birth_month=11, started_on=None, share=False
    )
    services.celebrations_update(
        person=veteran, birth_day=None, birth_month=None, started_on=date(2001, 11, 23), share=True
    )
    found = selectors.celebrations_today(person, today)
    assert [(c.person.first_name, c.birthday, c.years) for c in found] == [
        ("Ilse", True, 0),
        ("Kees", False, 25),
    ]


def test_the_celebrations_form_refuses_impossible_days_and_keeps_input(client, person) -> None:
    client.force_login(person)
    url = reverse("startpage:celebrations")
    response = client.post(url, {"birth_day": "30", "birth_month": "2", "share": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "That day does not exist." in page
    assert 'value="30" selected' in page
    assert not Celebrations.objects.filter(person=person).exists()
    client.post(url, {"birth_day": "29", "birth_month": "2", "share": "on"})
    assert Celebrations.objects.get(person=person).birth_month == 2


def _queries(client) -> int:  # type: ignore[no-untyped-def]
    client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_items_in_the_widgets(client, person) -> None:
    client.force_login(person)
    space = SpaceFactory()
    MembershipFactory(space=space, person=person)
    PostFactory(space=space)
    QuickLink.objects.create(title="A", url="https://a.example.org")
    news_item(featured=True)
    RSVPFactory(person=person)
    BlogEntryFactory()
    few = _queries(client)
    for _n in range(3):
        news_item(featured=True)
        RSVPFactory(person=person)
        BlogEntryFactory()
    for n in range(12):
        other = SpaceFactory()
        MembershipFactory(space=other, person=person)
        PostFactory(space=other)
        QuickLink.objects.create(title=f"L{n}", url=f"https://l{n}.example.org")
        colleague = PersonFactory(department=person.department)
        today = timezone.localdate()
        services.celebrations_update(
            person=colleague,
            birth_day=today.day,
            birth_month=today.month,
            started_on=None,
            share=True,
        )
    page = client.get(HOME).content.decode()
    assert page.count("Birthday today") == 10 and "https://l10.example.org" in page
    assert page.count('class="start-news__item"') == 3
    assert _queries(client) == few


def test_demo_adds_quick_links_and_some_shared_birthdays_of_today() -> None:
    PersonFactory.create_batch(30)
    startpage_step(
        rng=random.Random(3), fake=Faker("nl_NL"), people=30, stdout=OutputWrapper(io.StringIO())
    )
    assert QuickLink.objects.count() == 6
    viewer = PersonFactory()
    assert selectors.celebrations_today(viewer)


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_a_get_of_the_start_page_writes_only_after_the_response_has_been_sent(
    client, person
) -> None:
    """The visit that sets the "new since your last visit" marker is written when the server
    closes the response, not during the request."""
    from django.core.handlers.base import BaseHandler
    from django.core.signals import request_finished
    from django.db import close_old_connections
    from django.test import RequestFactory

    from plein.posts.models import FeedVisit

    client.force_login(person)
    client.get(HOME)  # the session notes the first request; later ones within a minute do not
    FeedVisit.objects.filter(person=person).update(seen_at=timezone.now() - timedelta(hours=2))
    handler = BaseHandler()
    handler.load_middleware()
    factory = RequestFactory()
    factory.cookies = client.cookies
    with CaptureQueriesContext(connection) as during:
        response = handler.get_response(factory.get(HOME))
    assert response.status_code == 200
    assert _writes(during) == []
    assert FeedVisit.objects.get(person=person).seen_at < timezone.now() - timedelta(hours=1)
    request_finished.disconnect(close_old_connections)  # as the test client does
    try:
        with CaptureQueriesContext(connection) as after:
            response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert any("posts_feedvisit" in sql for sql in _writes(after))
    visit = FeedVisit.objects.get(person=person)
    assert visit.seen_at > timezone.now() - timedelta(minutes=1)
    assert visit.since is not None and visit.since < timezone.now() - timedelta(hours=1)
