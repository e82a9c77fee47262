import io
import random

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from faker import Faker

from plein.notifications.models import Notification
from plein.people.models import Person
from plein.posts import permissions
from plein.posts.demo import DEMO_LOGINS, posts_step
from plein.posts.models import (
    Comment,
    Hashtag,
    PersonFollow,
    Post,
    PostFollow,
    PostRevision,
    Reaction,
)
from plein.spaces.models import Membership, Space

pytestmark = pytest.mark.django_db

PEOPLE = 80


@pytest.fixture
def demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out, people=PEOPLE, seed=1)
    return out.getvalue()


def _content() -> list[tuple[object, ...]]:
    posts = Post.objects.order_by("pk").values_list(
        "author__email", "space__slug", "is_announcement", "body"
    )
    comments = Comment.objects.order_by("pk").values_list("post__body", "author__email", "body")
    reactions = Reaction.objects.order_by("pk").values_list("person__email", "post__body", "kind")
    return [*posts, *comments, *reactions]


def _rerun(seed: int) -> list[tuple[object, ...]]:
    for model in (Notification, PostRevision, Reaction, Comment, PostFollow, PersonFollow, Post):
        model.objects.all().delete()
    posts_step(
        rng=random.Random(seed),
        fake=Faker("nl_NL"),
        people=PEOPLE,
        stdout=OutputWrapper(io.StringIO()),
    )
    return _content()


def test_the_same_seed_gives_the_same_posts(demo: str) -> None:
    first = _rerun(7)
    assert first == _rerun(7)
    assert first != _rerun(8)


def test_demo_fills_spaces_profiles_and_announcements(demo: str) -> None:
    assert "posts:" in demo
    plain = Post.objects.filter(kind=Post.Kind.POST)  # news, blogs and kudos have their own demo
    total = plain.count()
    assert 3 * PEOPLE <= total <= 3 * PEOPLE + 5  # three per person, plus welcome and news
    assert plain.filter(space__isnull=True, is_announcement=False).count() > PEOPLE // 4
    announcements = plain.filter(is_announcement=True)
    assert 2 <= announcements.count() <= 3
    assert all(p.author.has_perm("posts.post_announcement") for p in announcements)
    for kind in Space.Kind.values:
        assert Post.objects.filter(space__kind=kind).exists(), kind
    pinned = Post.objects.get(pinned_at__isnull=False)
    assert pinned.space is not None and pinned.space.is_default_for_everyone

    assert Comment.objects.count() > total
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert set(Reaction.objects.values_list("kind", flat=True)) == set(Reaction.Kind.values)
    assert Reaction.objects.filter(comment__isnull=False).exists()
    assert PersonFollow.objects.count() > PEOPLE
    assert PostFollow.objects.count() >= total  # every author follows their post

    edited = Post.objects.get(edited_at__isnull=False)
    revision = edited.revisions.get()
    assert revision.body != edited.body
    assert revision.written_at == edited.created_at


def test_posts_are_spread_over_six_weeks_newest_busiest(demo: str) -> None:
    from django.utils import timezone

    now = timezone.now()
    moments = Post.objects.filter(kind=Post.Kind.POST).values_list("created_at", flat=True)
    ages = [(now - moment).days for moment in moments]
    assert max(ages) <= 42
    assert min(ages) >= 0
    last_week = sum(1 for age in ages if age < 7)
    sixth_week = sum(1 for age in ages if 35 <= age < 42)
    assert last_week > 2 * sixth_week
    assert not Comment.objects.filter(created_at__gt=now).exists()


@pytest.mark.parametrize("weekday", range(7))
def test_a_demo_moment_is_a_working_hour_of_the_last_six_weeks(weekday: int) -> None:
    from datetime import datetime, timedelta

    from django.utils import timezone

    from plein.posts.demo import WEEKS, _moment

    # 00:30 in Amsterdam on each day of a week whose six weeks before span the clocks going
    # forward (28 March 2027).
    now = timezone.make_aware(datetime(2027, 5, 3, 0, 30)) + timedelta(days=weekday)
    rng = random.Random(weekday)
    for _ in range(2000):
        moment = timezone.localtime(_moment(rng, now))
        assert now - timedelta(weeks=WEEKS) < moment < now
        if now - moment > timedelta(hours=10):  # else: a moment ago, for a lively feed
            assert moment.weekday() < 5, moment
            assert 7 <= moment.hour <= 17, moment


def test_only_members_write_and_respond_in_closed_and_secret_spaces(demo: str) -> None:
    members = set(Membership.objects.filter(state="member").values_list("space_id", "person_id"))
    closed = Post.objects.filter(space__kind__in=["closed", "secret"])
    assert closed.exists()
    for space_id, author_id in closed.values_list("space_id", "author_id"):
        assert (space_id, author_id) in members
    for model, field in ((Comment, "author_id"), (Reaction, "person_id")):
        rows = model.objects.filter(post__space__kind__in=["closed", "secret"])
        for space_id, person_id in rows.values_list("post__space_id", field):
            assert (space_id, person_id) in members
    for comment in Comment.objects.select_related("post__space", "author"):
        assert permissions.can_respond(comment.author, comment.post)


def test_bodies_are_rendered_and_sanitised_with_mentions_and_hashtags(demo: str) -> None:
    for post in Post.objects.all():
        assert post.body_html.startswith(("<p>", "<h2>"))
        assert "<script" not in post.body_html
    names = set(Hashtag.objects.values_list("name", flat=True))
    assert {"onboarding", "duurzaamheid", "teamuitje", "intranet"} <= names
    tagged = Post.objects.filter(hashtags__name="onboarding").first()
    assert tagged is not None
    assert 'href="/posts/tags/onboarding/"' in tagged.body_html
    mentioned = Post.mentioned_people.through.objects.select_related("post", "person").first()
    assert mentioned is not None
    local = mentioned.person.email.split("@")[0]
    assert f"@{local}" in mentioned.post.body
    assert f'<span class="mention">@{local}</span>' in mentioned.post.body_html
    assert Comment.mentioned_people.through.objects.exists()


def test_only_a_few_unread_notifications_for_the_demo_accounts(demo: str) -> None:
    from_posts = ["mention", "comment", "reply", "followed_post", "reaction"]
    notifications = Notification.objects.filter(kind__in=from_posts).select_related(
        "recipient", "post__space"
    )
    assert notifications.exists()
    assert notifications.count() <= 5 * 4
    for notification in notifications:
        assert notification.recipient.email in DEMO_LOGINS
        assert notification.read_at is None
        assert permissions.can_view_post(notification.recipient, notification.post)
    assert Person.objects.filter(notifications__isnull=False).distinct().count() >= 2


def test_demo_keeps_existing_posts(demo: str) -> None:
    before = Post.objects.count()
    out = io.StringIO()
    posts_step(rng=random.Random(1), fake=Faker("nl_NL"), people=PEOPLE, stdout=OutputWrapper(out))
    assert "kept" in out.getvalue()
    assert Post.objects.count() == before
