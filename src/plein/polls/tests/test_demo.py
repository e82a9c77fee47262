import io
import random

import pytest
from django.core.management.base import OutputWrapper
from faker import Faker

from plein.people.demo import people_step
from plein.people.models import Person
from plein.posts.demo import posts_step
from plein.spaces.demo import spaces_step

from ..demo import polls_step
from ..models import Contest, Entry, EntryVote, PollDetails, Vote

pytestmark = pytest.mark.django_db


def _run(step, seed: int) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    step(rng=random.Random(seed), fake=Faker("nl_NL"), people=60, stdout=OutputWrapper(out))
    return out.getvalue()


@pytest.fixture
def organisation() -> None:
    for step in (people_step, spaces_step, posts_step):
        _run(step, 1)


def _content() -> list[object]:
    polls = list(
        PollDetails.objects.order_by("pk").values_list(
            "post__title", "post__author__email", "multiple"
        )
    )
    votes = sorted(Vote.objects.values_list("choice__text", "person__email"))
    entries = list(Entry.objects.order_by("pk").values_list("text", "submitted_by__email"))
    contest_votes = sorted(EntryVote.objects.values_list("entry__text", "person__email"))
    return [polls, votes, entries, contest_votes]


def _rerun(seed: int) -> list[object]:
    from plein.posts.models import Post

    Post.objects.filter(kind=Post.Kind.POLL).delete()
    Contest.objects.all().delete()
    _run(polls_step, seed)
    return _content()


def test_the_demo_has_polls_and_a_running_contest(organisation: None) -> None:
    assert "polls:" in _run(polls_step, 1)
    polls = list(PollDetails.objects.all())
    assert len(polls) == 3 and sum(p.is_closed() for p in polls) == 1
    assert all(Vote.objects.filter(poll=p).exists() for p in polls)
    contest = Contest.objects.get()
    assert (
        contest.title == "Hoe noemen we ons intranet?" and contest.phase() == Contest.Phase.VOTING
    )
    assert 8 <= contest.entries.count() <= 12 and contest.votes.exists()
    for person in Person.objects.all():
        assert EntryVote.objects.filter(contest=contest, person=person).count() <= 3
    assert "kept" in _run(polls_step, 1)
    assert PollDetails.objects.count() == 3


def test_the_same_seed_gives_the_same_polls(organisation: None) -> None:
    first = _rerun(3)
    assert first == _rerun(3)
    assert first != _rerun(4)
