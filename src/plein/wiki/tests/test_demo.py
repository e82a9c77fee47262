import io
import random

import pytest
from django.core.management.base import OutputWrapper
from faker import Faker

from plein.people.demo import people_step
from plein.spaces.demo import spaces_step
from plein.wiki.demo import wiki_step
from plein.wiki.models import Page, PageRevision

pytestmark = pytest.mark.django_db


def _run(seed: int) -> list[tuple[object, ...]]:
    wiki_step(
        rng=random.Random(seed), fake=Faker("nl_NL"), people=60, stdout=OutputWrapper(io.StringIO())
    )
    pages = Page.objects.order_by("space__slug", "slug").values_list(
        "space__slug", "slug", "parent__slug", "revision", "updated_by_id"
    )
    revisions = PageRevision.objects.order_by("page__slug", "number").values_list(
        "number", "edited_by_id"
    )
    return [*pages, *revisions]


def test_demo_wiki_is_deterministic_and_linked() -> None:
    out = OutputWrapper(io.StringIO())
    fake = Faker("nl_NL")
    fake.seed_instance(1)
    rng = random.Random(1)
    people_step(rng=rng, fake=fake, people=60, stdout=out)
    spaces_step(rng=rng, fake=fake, people=60, stdout=out)
    first = _run(3)
    page = Page.objects.get(slug="paspoort-aanvragen")
    assert page.parent is not None and page.parent.slug == "werkinstructies"
    assert page.revisions.count() == 2
    assert "[[Spoedaanvraag reisdocument]]" in page.body
    assert Page.objects.filter(space__slug="afdeling-sociaal-domein").count() == 3
    Page.objects.all().delete()
    assert _run(3) == first
