"""The comments on a post's page (selectors.post_comments), read for that one post only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.posts import selectors
from plein.posts.tests.factories import CommentFactory, PostFactory, ReactionFactory
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)  # as a request has it


def test_comments_with_replies_reactions_and_what_the_reader_may_do() -> None:
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    reader = MembershipFactory(space=space).person
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).person
    post = PostFactory(space=space)
    first = CommentFactory(post=post, author=reader)
    reply = CommentFactory(post=post, parent=first)
    second = CommentFactory(post=post)
    CommentFactory(post=post, deleted_at=timezone.now())  # removed: never shown
    ReactionFactory(post=None, comment=second, person=reader, kind="love")
    ReactionFactory(post=None, comment=second)
    ReactionFactory(post=None, comment=reply)
    CommentFactory(post=PostFactory(space=space))  # another post's

    top = selectors.post_comments(_fresh(reader), post)
    assert [c.pk for c in top] == [first.pk, second.pk]
    assert [c.pk for c in top[0].reply_list] == [reply.pk]  # type: ignore[attr-defined]
    shown = {c.pk: c for c in [*top, *top[0].reply_list]}  # type: ignore[attr-defined]
    counts = {pk: (c.reaction_count, c.my_reaction) for pk, c in shown.items()}  # type: ignore[attr-defined]
    assert counts == {first.pk: (0, None), second.pk: (2, "love"), reply.pk: (1, None)}
    flags = {pk: (c.can_edit, c.can_delete) for pk, c in shown.items()}  # type: ignore[attr-defined]
    assert flags == {first.pk: (True, True), second.pk: (False, False), reply.pk: (False, False)}

    as_moderator = selectors.post_comments(_fresh(moderator), post)
    assert [(c.can_edit, c.can_delete) for c in as_moderator] == [(False, True), (False, True)]  # type: ignore[attr-defined]


def test_no_comments_for_those_who_may_not_read_the_post() -> None:
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    post = PostFactory(space=space)
    CommentFactory(post=post)
    assert selectors.post_comments(_fresh(PersonFactory()), post) == []
    # A removed post keeps its comments from everyone, its moderators too (as the lists do).
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).person
    assert len(selectors.post_comments(_fresh(moderator), post)) == 1
    post.deleted_at = timezone.now()
    post.save(update_fields=["deleted_at"])
    assert selectors.post_comments(_fresh(moderator), post) == []


def test_one_query_about_this_post_alone() -> None:
    """The post was checked already: its comments are not filtered through every post the
    reader may see (a query whose cost grew with all posts ever made)."""
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    reader = _fresh(MembershipFactory(space=space).person)
    post = PostFactory(space=space)
    for _ in range(4):
        ReactionFactory(post=None, comment=CommentFactory(post=post))
    selectors.post_comments(reader, post)  # the reader's permissions and memberships, once
    with CaptureQueriesContext(connection) as queries:
        assert len(selectors.post_comments(reader, post)) == 4
    assert len(queries) == 1
    assert "posts_post" not in queries[0]["sql"]
