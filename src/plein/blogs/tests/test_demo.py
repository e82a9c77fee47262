import io
import itertools
import random

import pytest
from django.core.management.base import OutputWrapper
from faker import Faker

from plein.blogs.demo import MANAGER, WEEKLY, blogs_step
from plein.blogs.models import BlogEntry, Series
from plein.people.demo import people_step
from plein.posts.demo import posts_step
from plein.posts.models import Comment, PersonFollow, Post, Reaction
from plein.posts.selectors import home_feed
from plein.spaces.demo import spaces_step

pytestmark = pytest.mark.django_db


def _run(seed: int) -> list[tuple[object, ...]]:
    out = OutputWrapper(io.StringIO())
    blogs_step(rng=random.Random(seed), fake=Faker("nl_NL"), people=60, stdout=out)
    entries = BlogEntry.objects.order_by("post__created_at", "post__title").values_list(
        "post__author__email", "post__title", "post__body", "series__title", "post__comment_count"
    )
    follows = PersonFollow.objects.filter(followed__email=MANAGER).order_by("follower__email")
    return [*entries, *follows.values_list("follower__email")]


def _clear() -> None:
    Comment.objects.filter(post__kind=Post.Kind.BLOG).delete()
    Reaction.objects.filter(post__kind=Post.Kind.BLOG).delete()
    Post.objects.filter(kind=Post.Kind.BLOG).delete()
    Series.objects.all().delete()


def test_demo_blogs_are_deterministic_and_reach_the_followers() -> None:
    out = OutputWrapper(io.StringIO())
    fake = Faker("nl_NL")
    fake.seed_instance(1)
    rng = random.Random(1)
    for step in (people_step, spaces_step, posts_step):
        step(rng=rng, fake=fake, people=60, stdout=out)
    before = set(PersonFollow.objects.values_list("follower_id", "followed_id"))

    first = _run(7)
    series = Series.objects.get()
    assert (series.title, series.owner.email) == ("Keek op de week", MANAGER)
    weekly = list(Post.objects.filter(blog_details__series=series).order_by("created_at"))
    assert [p.title for p in weekly] == [title for title, _body in WEEKLY]
    gaps = {(b.created_at - a.created_at).days for a, b in itertools.pairwise(weekly)}
    assert gaps == {7}
    assert all(p.body_html.startswith("<p>") for p in weekly)
    assert Post.objects.filter(kind=Post.Kind.BLOG).exclude(author=series.owner).exists()
    followers = PersonFollow.objects.filter(followed=series.owner)
    assert followers.count() >= 5
    follower = followers.exclude(follower__email=MANAGER).first().follower  # type: ignore[union-attr]
    assert weekly[-1].pk in {p.pk for p in home_feed(follower, size=100).posts}

    _clear()
    PersonFollow.objects.exclude(
        pk__in=[
            pk
            for pk, a, b in PersonFollow.objects.values_list("pk", "follower_id", "followed_id")
            if (a, b) in before
        ]
    ).delete()
    assert _run(7) == first
    assert "kept as they were" in _step_output()


def _step_output() -> str:
    buffer = io.StringIO()
    blogs_step(rng=random.Random(1), fake=Faker("nl_NL"), people=60, stdout=OutputWrapper(buffer))
    return buffer.getvalue()
