import io
import random

import pytest
from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.notifications.models import Notification
from plein.people.demo import people_step
from plein.posts.demo import DEMO_LOGINS, posts_step
from plein.posts.models import Post
from plein.spaces.demo import spaces_step

from .. import selectors
from ..demo import MAX_KUDOS, MIN_KUDOS, kudos_step
from ..models import KudosDetails, Spotlight

pytestmark = pytest.mark.django_db

PEOPLE = 60


def _run(step, seed: int) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    step(rng=random.Random(seed), fake=Faker("nl_NL"), people=PEOPLE, stdout=OutputWrapper(out))
    return out.getvalue()


@pytest.fixture
def organisation() -> None:
    for step in (people_step, spaces_step, posts_step):
        _run(step, 1)


def _content() -> list[tuple[object, ...]]:
    kudos = KudosDetails.objects.order_by("pk").values_list(
        "post__author__email", "recipient__email", "badge__name", "post__body"
    )
    spotlights = Spotlight.objects.order_by("pk").values_list(
        "person__email", "post__body", "starts_on", "ends_on"
    )
    return [*kudos, *spotlights]


def _rerun(seed: int) -> list[tuple[object, ...]]:
    Spotlight.objects.all().delete()
    Post.objects.filter(kind=Post.Kind.KUDOS).delete()
    _run(kudos_step, seed)
    return _content()


def test_the_same_seed_gives_the_same_kudos(organisation: None) -> None:
    first = _rerun(3)
    assert first == _rerun(3)
    assert first != _rerun(4)


def test_demo_kudos_and_spotlight_make_the_start_page_lively(organisation: None) -> None:
    summary = _run(kudos_step, 1)
    assert "kudos:" in summary
    count = KudosDetails.objects.count()
    assert MIN_KUDOS <= count <= MAX_KUDOS
    for details in KudosDetails.objects.select_related("post"):
        assert details.post.kind == Post.Kind.KUDOS
        assert details.recipient_id != details.post.author_id
        assert details.post.body_html.startswith("<p>")
    emails = set(KudosDetails.objects.values_list("recipient__email", flat=True))
    givers = set(KudosDetails.objects.values_list("post__author__email", flat=True))
    assert set(DEMO_LOGINS) <= emails & givers
    notified = Notification.objects.filter(kind=Notification.Kind.KUDOS, read_at__isnull=True)
    assert sorted(notified.values_list("recipient__email", flat=True)) == sorted(DEMO_LOGINS)
    employee = KudosDetails.objects.filter(recipient__email="medewerker@example.org").first()
    assert employee is not None
    viewer = employee.recipient
    current = selectors.current_spotlights(viewer, timezone.localdate())
    assert sorted((s.person_id is None, s.post_id is None) for s in current) == [
        (False, True),
        (True, False),
    ]
    assert "kept" in _run(kudos_step, 1)
    assert KudosDetails.objects.count() == count
