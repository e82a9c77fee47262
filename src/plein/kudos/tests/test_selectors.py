from datetime import timedelta

import pytest
from django.utils import timezone

from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.selectors import home_feed, person_feed
from plein.posts.tests.factories import CommentFactory, PostFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .. import selectors, services
from .factories import BadgeFactory, KudosFactory, SpotlightFactory

pytestmark = pytest.mark.django_db


def test_kudos_for_a_person_newest_first_with_their_badge(person):  # type: ignore[no-untyped-def]
    recipient = PersonFactory()
    now = timezone.now()
    old = KudosFactory(recipient=recipient, post__created_at=now - timedelta(days=2))
    new = KudosFactory(recipient=recipient, post__created_at=now - timedelta(hours=1))
    KudosFactory()  # for someone else
    KudosFactory(recipient=recipient, post__deleted_at=now)  # removed
    KudosFactory(recipient=recipient, post__created_at=now + timedelta(days=1))  # not yet
    posts = selectors.kudos_for_person(person, recipient)
    assert [p.pk for p in posts] == [new.pk, old.pk]
    assert posts[0].kudos.badge == new.badge  # type: ignore[attr-defined]
    assert selectors.kudos_received_count(recipient) == 2
    assert [p.pk for p in selectors.kudos_for_person(person, recipient, limit=1)] == [new.pk]


def test_the_wall_shows_visible_kudos_only(person):  # type: ignore[no-untyped-def]
    visible = KudosFactory()
    KudosFactory(post__deleted_at=timezone.now())
    PostFactory()  # an ordinary post
    page = selectors.kudos_wall(person)
    assert [p.pk for p in page.posts] == [visible.pk]
    assert page.posts[0].kudos.recipient == visible.recipient  # type: ignore[attr-defined]
    inactive = PersonFactory(is_active=False)
    assert selectors.kudos_wall(inactive).posts == []


def test_the_wall_pages_in_a_fixed_number_of_queries(person, django_assert_num_queries):  # type: ignore[no-untyped-def]
    for _ in range(3):
        CommentFactory(post=KudosFactory().post)
    selectors.kudos_wall(person)  # warm the caches (content types, permissions)
    with django_assert_num_queries(3) as few:  # the page, latest comments, kudos details
        selectors.kudos_wall(person)
    for _ in range(6):
        CommentFactory(post=KudosFactory().post)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(selectors.kudos_wall(person).posts) == 9


def test_kudos_show_in_the_stream_cards_with_details(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    giver, recipient = PersonFactory(), PersonFactory()
    badge = BadgeFactory()
    post = services.kudos_give(giver=giver, recipient=recipient, badge=badge, message="Dank!")
    page = person_feed(recipient, giver)
    assert page.posts[0].pk == post.pk
    assert page.posts[0].kudos.badge == badge  # type: ignore[attr-defined]
    assert page.posts[0].card_template == "kudos/partials/card.html"  # type: ignore[attr-defined]
    assert post.pk in [p.pk for p in home_feed(giver).posts]


def test_current_spotlights_only_today_and_visible(person):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    colleague = SpotlightFactory(message="Well done")
    SpotlightFactory(starts_on=today + timedelta(days=1), ends_on=today + timedelta(days=2))
    SpotlightFactory(starts_on=today - timedelta(days=5), ends_on=today - timedelta(days=1))
    SpotlightFactory(person=PersonFactory(is_active=False))
    public = SpotlightFactory(person=None, post=PostFactory())
    secret = SpaceFactory(kind="secret")
    # Visible to members only: a post that went private after it was put in the spotlight.
    hidden = SpotlightFactory(person=None, post=PostFactory(space=secret))
    assert {s.pk for s in selectors.current_spotlights(person)} == {colleague.pk, public.pk}
    member = PersonFactory()
    MembershipFactory(space=secret, person=member)
    assert hidden.pk in {s.pk for s in selectors.current_spotlights(member)}


def test_spotlight_overview_splits_current_planned_and_past():  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    current = SpotlightFactory()
    planned = SpotlightFactory(
        starts_on=today + timedelta(days=1), ends_on=today + timedelta(days=2)
    )
    past = SpotlightFactory(starts_on=today - timedelta(days=5), ends_on=today - timedelta(days=1))
    overview = selectors.spotlight_overview()
    assert (overview.current, overview.planned, overview.past) == ([current], [planned], [past])


def test_kudos_posts_are_posts_of_kind_kudos():  # type: ignore[no-untyped-def]
    assert KudosFactory().post.kind == Post.Kind.KUDOS


def test_the_spotlight_on_another_day(person):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    SpotlightFactory()
    later = SpotlightFactory(starts_on=tomorrow, ends_on=tomorrow)
    assert [s.pk for s in selectors.current_spotlights(person, today=tomorrow)] == [later.pk]
