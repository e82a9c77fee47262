import io
import random

import pytest
from django.core.management.base import OutputWrapper
from faker import Faker

from plein.ideas.demo import IDEAS, ideas_step
from plein.ideas.models import IdeaDetails
from plein.people.demo import people_step
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post

from .. import selectors
from ..demo import LISTINGS, market_step
from ..models import Listing

pytestmark = pytest.mark.django_db


def _run(step, seed: int) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    step(rng=random.Random(seed), fake=Faker("nl_NL"), people=30, stdout=OutputWrapper(out))
    return out.getvalue()


def _content() -> list[object]:
    listings = list(Listing.objects.order_by("pk").values_list("title", "owner__email"))
    ideas = list(
        IdeaDetails.objects.order_by("pk").values_list(
            "post__title", "post__author__email", "status", "vote_count"
        )
    )
    return [listings, ideas]


def test_market_and_ideas_steps_are_deterministic_and_idempotent():
    _run(people_step, 1)
    _run(market_step, 1)
    _run(ideas_step, 1)
    first = _content()
    assert len(first[0]) == len(LISTINGS) and len(first[1]) == len(IDEAS)
    assert "kept" in _run(market_step, 1) and "kept" in _run(ideas_step, 1)
    Listing.objects.all().delete()
    IdeaDetails.objects.all().delete()
    Post.objects.filter(kind=Post.Kind.IDEA).delete()
    _run(market_step, 1)
    _run(ideas_step, 1)
    assert _content() == first
    shown = list(selectors.market(PersonFactory()))
    assert len(shown) == len(LISTINGS) - 2  # one expired, one done
