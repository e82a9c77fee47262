"""Spaces in Chromium: create one, join an open one, ask to join a closed one and be let in."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_join_and_ask_to_join(visitor):  # type: ignore[no-untyped-def]
    anne = PersonFactory(email="anne@example.org")
    moderator = PersonFactory(email="moderator@example.org")
    open_space = SpaceFactory(name="Hardloopclub", slug="hardloopclub", kind="open")
    closed = SpaceFactory(name="Projectteam", slug="projectteam", kind="closed")
    MembershipFactory(space=closed, person=moderator, role="owner")
    page = visitor.page

    visitor.log_in(anne.email, DEFAULT_PASSWORD)
    visitor.visit("/spaces/")
    page.click("#space-create")
    visitor.check_accessibility()
    page.fill("#id_name", "Fotografie")
    page.fill("#id_description", "Foto's delen")
    page.click("#space-save")
    page.wait_for_url(visitor.url("/spaces/fotografie/"))
    visitor.check_accessibility()

    visitor.visit(f"/spaces/{open_space.slug}/")
    page.click("#space-join")
    page.wait_for_selector("#space-leave")
    visitor.check_accessibility()

    visitor.visit(f"/spaces/{closed.slug}/")
    page.click("#space-ask")
    page.wait_for_selector("#space-requested")
    visitor.check_accessibility()

    visitor.visit("/spaces/?tab=mine")
    page.context.clear_cookies()
    visitor.log_in(moderator.email, DEFAULT_PASSWORD)
    visitor.visit(f"/spaces/{closed.slug}/members/")
    page.click(f"#accept-{anne.pk}")
    page.wait_for_selector("#space-members")
    visitor.check_accessibility()
    assert Membership.objects.get(space=closed, person=anne).state == "member"
    assert Membership.objects.get(space=open_space, person=anne).state == "member"
