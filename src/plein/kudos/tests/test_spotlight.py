"""The start page's spotlight: today's rows first, then the rules on just those.

current_spotlights must return exactly what the list rule returns, written as one queryset below
(today's spotlights whose person is among visible_people and active, or whose post is among
visible_posts), for every kind of viewer and every kind of spotlight.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from plein.kudos import selectors
from plein.kudos.models import Spotlight
from plein.people.models import Person
from plein.people.permissions import visible_people
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.posts.permissions import visible_posts
from plein.posts.tests.factories import PostFactory
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .factories import SpotlightFactory

pytestmark = pytest.mark.django_db


def _by_the_list_rule(user: Person) -> list[int]:
    today = timezone.localdate()
    return list(
        Spotlight.objects.filter(starts_on__lte=today, ends_on__gte=today)
        .filter(
            Q(person__in=visible_people(user).filter(is_active=True))
            | Q(post__in=visible_posts(user))
        )
        .order_by("-starts_on", "-pk")
        .values_list("pk", flat=True)
    )


VIEWERS = (
    "employee",
    "editor",
    "community_manager",
    "administrator",
    "secret member",
    "department",
    "deactivated",
)


def _viewer(kind: str, secret: Space, department: object) -> Person:
    roles = [kind] if kind in ("editor", "community_manager", "administrator") else []
    viewer = PersonFactory(roles=roles, department=department if kind == "department" else None)
    if kind == "secret member":
        MembershipFactory(space=secret, person=viewer)
    if kind == "deactivated":
        viewer.is_active = False
        viewer.save(update_fields=["is_active"])
    return Person.objects.get(pk=viewer.pk)  # as a request has it


@pytest.mark.parametrize("kind", VIEWERS)
def test_spotlights_are_exactly_those_the_list_rule_allows(kind: str) -> None:
    today = timezone.localdate()
    secret = SpaceFactory(kind=Space.Kind.SECRET)
    closed = SpaceFactory(kind=Space.Kind.CLOSED)
    MembershipFactory(space=closed, state=Membership.State.LEFT)
    department = DepartmentFactory()
    targeted = PostFactory(is_targeted=True)
    targeted.audience_departments.add(department)
    spotlights = {
        "active person": SpotlightFactory(),
        "inactive person": SpotlightFactory(person=PersonFactory(is_active=False)),
        "profile post": SpotlightFactory(person=None, post=PostFactory()),
        "open space post": SpotlightFactory(person=None, post=PostFactory(space=SpaceFactory())),
        "secret space post": SpotlightFactory(person=None, post=PostFactory(space=secret)),
        "closed space post": SpotlightFactory(person=None, post=PostFactory(space=closed)),
        "removed post": SpotlightFactory(person=None, post=PostFactory(deleted_at=timezone.now())),
        "planned post": SpotlightFactory(
            person=None, post=PostFactory(created_at=timezone.now() + timedelta(days=1))
        ),
        "targeted post": SpotlightFactory(person=None, post=targeted),
        "yesterday": SpotlightFactory(
            starts_on=today - timedelta(days=2), ends_on=today - timedelta(days=1)
        ),
    }
    viewer = _viewer(kind, secret, department)
    expected = _by_the_list_rule(viewer)
    shown = [spotlight.pk for spotlight in selectors.current_spotlights(viewer)]
    assert shown == expected, {
        name for name, s in spotlights.items() if (s.pk in shown) != (s.pk in expected)
    }
    # The situations do tell the viewers apart.
    names = {s.pk: name for name, s in spotlights.items()}
    assert ("secret space post" in {names[pk] for pk in shown}) is (kind == "secret member")
    assert ("planned post" in {names[pk] for pk in shown}) is (
        kind in ("editor", "community_manager")
    )
    assert bool(shown) is (kind != "deactivated")


def test_spotlights_cost_one_query_when_there_are_none(django_assert_num_queries) -> None:
    viewer = PersonFactory()
    viewer.get_all_permissions()  # loaded once per request anyway (the menu asks for them)
    today = timezone.localdate()
    SpotlightFactory(starts_on=today - timedelta(days=3), ends_on=today - timedelta(days=1))
    with django_assert_num_queries(1):
        assert selectors.current_spotlights(viewer) == []
    SpotlightFactory()
    SpotlightFactory()
    with django_assert_num_queries(1):  # people are judged on the rows themselves
        assert len(selectors.current_spotlights(viewer)) == 2
    space = SpaceFactory()
    for _ in range(3):
        SpotlightFactory(person=None, post=PostFactory(space=space))
    with django_assert_num_queries(2):  # and the viewer's memberships of the posts' spaces
        assert len(selectors.current_spotlights(viewer)) == 5
