"""The bell's count: exactly the unread notifications the list shows, in a few small queries.

Each situation below is a notification whose visibility the rules decide (posts/permissions.py,
spaces/permissions.py); the expectation is written from the rules in words, and the bell's count
(selectors.unread_count) and the list (selectors.visible_notifications) must both meet it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from plein.notifications import selectors
from plein.notifications.models import Notification
from plein.people.models import Person
from plein.people.permissions import audience_of
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.posts.tests.factories import CommentFactory, PostFactory
from plein.spaces.models import Membership, Space
from plein.spaces.permissions import PRELOADED, memberships_preload
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

Kind = Notification.Kind
pytestmark = pytest.mark.django_db


def _notify(reader: Person, kind: str = Kind.MENTION, **about: object) -> Notification:
    return Notification.objects.create(recipient=reader, kind=kind, **about)


def _situations(reader: Person) -> dict[str, tuple[Notification, bool | None]]:
    """name -> (notification, listed for everyone / None: only for those who see unpublished)."""
    author = PersonFactory()
    open_space = SpaceFactory(kind=Space.Kind.OPEN)
    closed = SpaceFactory(kind=Space.Kind.CLOSED)
    MembershipFactory(space=closed, person=reader)
    left = SpaceFactory(kind=Space.Kind.CLOSED)
    MembershipFactory(space=left, person=reader, state=Membership.State.LEFT)
    secret = SpaceFactory(kind=Space.Kind.SECRET)
    invited = SpaceFactory(kind=Space.Kind.SECRET)
    MembershipFactory(space=invited, person=reader, state=Membership.State.INVITED)
    visible = PostFactory(space=open_space, author=author)
    removed_comment = CommentFactory(post=visible, deleted_at=timezone.now())
    mine = DepartmentFactory()
    elsewhere = DepartmentFactory()
    Person.objects.filter(pk=reader.pk).update(department=mine)
    for_mine = PostFactory(author=author, is_targeted=True)
    for_mine.audience_departments.add(mine)
    for_others = PostFactory(author=author, is_targeted=True)
    for_others.audience_departments.add(elsewhere)
    later = timezone.now() + timedelta(hours=3)
    return {
        "open space": (_notify(reader, post=visible, space=open_space), True),
        "closed space, member": (
            _notify(reader, post=PostFactory(space=closed, author=author), space=closed),
            True,
        ),
        "lost access (left)": (
            _notify(reader, post=PostFactory(space=left, author=author), space=left),
            False,
        ),
        "secret space post": (
            _notify(reader, post=PostFactory(space=secret, author=author), space=secret),
            False,
        ),
        "secret space invitation": (
            _notify(reader, kind=Kind.SPACE_INVITATION, space=invited),
            True,
        ),
        "secret space, not invited": (
            _notify(reader, kind=Kind.SPACE_REQUEST, space=secret),
            False,
        ),
        "open space alone": (_notify(reader, kind=Kind.SPACE_ACCEPTED, space=open_space), True),
        "removed comment": (_notify(reader, post=visible, comment=removed_comment), False),
        "comment": (_notify(reader, post=visible, comment=CommentFactory(post=visible)), True),
        "deleted post": (
            _notify(reader, post=PostFactory(author=author, deleted_at=timezone.now())),
            False,
        ),
        "profile post": (_notify(reader, post=PostFactory(author=author)), True),
        "planned post": (_notify(reader, post=PostFactory(author=author, created_at=later)), None),
        "aimed at the reader's department": (_notify(reader, post=for_mine), True),
        "aimed at another department": (_notify(reader, post=for_others), None),
        "about nothing in particular": (_notify(reader, kind=Kind.KUDOS), True),
    }


@pytest.mark.parametrize("role", ["employee", "editor", "community_manager"])
def test_the_bell_counts_what_the_list_shows(role: str) -> None:
    reader = PersonFactory(roles=[] if role == "employee" else [role])
    situations = _situations(reader)
    read = _notify(reader, post=PostFactory(), read_at=timezone.now())
    _notify(PersonFactory(), post=PostFactory())  # someone else's
    sees_unpublished = role != "employee"
    expected = {
        notification.pk
        for notification, listed in situations.values()
        if listed or (listed is None and sees_unpublished)
    }
    reader = Person.objects.get(pk=reader.pk)  # as a request has it (with its department)
    listed = selectors.visible_notifications(reader)
    assert set(listed.values_list("pk", flat=True)) == expected | {read.pk}
    unread = set(listed.filter(read_at__isnull=True).values_list("pk", flat=True))
    assert unread == expected, {
        name for name, (n, _listed) in situations.items() if (n.pk in unread) != (n.pk in expected)
    }
    assert selectors.unread_count(reader) == len(expected)

    reader.is_active = False
    assert selectors.unread_count(reader) == 0
    assert not selectors.visible_notifications(reader).exists()


def test_losing_access_in_the_same_request_is_counted_at_once() -> None:
    """The count leaves no memberships behind on the user object (it asks on a copy)."""
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    reader = MembershipFactory(space=space).person
    _notify(reader, post=PostFactory(space=space), space=space)
    assert selectors.unread_count(reader) == 1
    Membership.objects.filter(space=space, person=reader).update(state=Membership.State.LEFT)
    assert selectors.unread_count(reader) == 0


def _many(reader: Person, count: int, **about: object) -> None:
    Notification.objects.bulk_create(
        Notification(recipient=reader, kind=Kind.REACTION, **about) for _ in range(count)
    )


def test_the_count_looks_past_a_full_batch_of_hidden_ones_and_stops_at_a_hundred(
    client,
) -> None:
    reader = PersonFactory()
    gone = SpaceFactory(kind=Space.Kind.CLOSED)
    _many(reader, selectors.UNREAD_COUNTED + 5, post=PostFactory(space=gone))  # oldest first
    _many(reader, 3, post=PostFactory())
    assert selectors.unread_count(reader) == 3
    _many(reader, 97, post=PostFactory())
    assert selectors.unread_count(reader) == 100
    _many(reader, 50, post=PostFactory())
    assert selectors.unread_count(reader) == 100
    client.force_login(reader)
    html = client.get(reverse("notifications:settings")).content.decode()
    assert 'id="notification-bell-count" aria-hidden="true">99+<' in html
    assert "Notifications, more than 99 unread" in html


def test_the_bell_costs_a_few_small_queries_whatever_the_numbers(
    django_assert_num_queries,
) -> None:
    reader = PersonFactory()
    reader.get_all_permissions()  # loaded once per request anyway (the menu asks for them)
    with django_assert_num_queries(1):  # nothing unread: the unread rows, none
        assert selectors.unread_count(reader) == 0
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    MembershipFactory(space=space, person=reader)
    posts = [PostFactory(space=space), PostFactory()]
    _many(reader, 4, post=posts[0], space=space)
    # the unread rows, their posts, the reader's memberships of their spaces
    with django_assert_num_queries(3):
        assert selectors.unread_count(reader) == 4
    for post in posts:
        _many(reader, 20, post=post)
    for other in PersonFactory.create_batch(3):
        _many(other, 30, post=posts[1])
    with django_assert_num_queries(3):
        assert selectors.unread_count(reader) == 44
    _notify(reader, kind=Kind.SPACE_INVITATION, space=SpaceFactory(kind=Space.Kind.SECRET))
    with django_assert_num_queries(4):  # and the space named alone
        assert selectors.unread_count(reader) == 44


def test_the_bell_reuses_what_the_request_knows(django_assert_num_queries) -> None:
    """request.user is a lazy wrapper that keeps the rules' caches (the person's audience, their
    memberships) itself: the bell's copy starts from them, and adds nothing to them."""
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    department = DepartmentFactory()
    person = MembershipFactory(space=space, person__department=department).person
    _many(person, 2, post=PostFactory(space=space))
    aimed = PostFactory(space=space, is_targeted=True)
    aimed.audience_departments.add(department)
    _many(person, 1, post=aimed)
    user = SimpleLazyObject(lambda: Person.objects.get(pk=person.pk))
    user.get_all_permissions()
    audience_of(user)  # as the page's own lists did
    memberships_preload(user, [space.pk])
    # the unread rows, their posts, and the audience (departments, locations) of the aimed one
    with django_assert_num_queries(4):
        assert selectors.unread_count(user) == 3
    _notify(person, kind=Kind.SPACE_INVITATION, space=SpaceFactory(kind=Space.Kind.SECRET))
    with django_assert_num_queries(6):  # and the space named, and the memberships of it
        assert selectors.unread_count(user) == 3
    assert set(user.__dict__[PRELOADED]) == {space.pk}
