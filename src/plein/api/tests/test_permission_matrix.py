"""The API as a surface of the permission rules: roles x relations to open, closed and secret
spaces x every list, detail and a few writes (issue 17).

The world is the search matrix's (plein.search.tests.matrix: one space of each kind with a post,
question, poll, document, event... each, news for everyone, planned, taken down and aimed at
others, profile posts, people), built once for this module in a transaction rolled back at the
end. Each viewer's lists must be exactly what the app's `visible_*` rule gives, each detail must
answer 404 exactly where `can_view_*` refuses, and both must agree with the rules in words
(matrix.sees), so a rule compared with itself cannot pass unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import factory.random
import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from plein.documents.permissions import can_view_document, visible_documents
from plein.events.permissions import can_view_event, visible_events
from plein.people.permissions import can_view_profile
from plein.people.selectors import directory_people
from plein.posts.models import Post
from plein.posts.permissions import can_view_post, visible_posts
from plein.search.tests import matrix
from plein.search.tests.matrix import CONTENT, EVERYONE, RELATIONS, ROLES, SPACE, UNPUBLISHED, World
from plein.spaces.permissions import can_view_space, visible_spaces

from .helpers import Api, api_as

pytestmark = pytest.mark.django_db

# Every relation for an employee; for the other roles the relations where their rights differ
# (unpublished news, removed posts, deactivated people): each a distinct answer, kept few
# because each viewer costs about sixty requests.
VIEWERS = [
    *(("employee", relation) for relation in RELATIONS),
    ("editor", "none"),
    ("editor", "member"),
    ("community_manager", "none"),
    ("community_manager", "moderator"),
    ("administrator", "none"),
    ("project_team", "left"),
]
WRITERS = [
    ("employee", "none"),
    ("employee", "invited"),
    ("employee", "member"),
    ("community_manager", "requested"),
]
DETAIL = {"post": "/posts/{}", "event": "/events/{}", "document": "/documents/{}"}
IN_WORDS = (SPACE, CONTENT, EVERYONE, UNPUBLISHED)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:  # type: ignore[no-untyped-def]
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        factory.random.reseed_random(f"{os.environ.get('PLEIN_TEST_SEED', '')}/{__name__}")
        built = matrix.world_build()
        yield built
        transaction.set_rollback(True)


def _all(client: Api, path: str, **params: Any) -> set[int]:
    """Every id of a list, following its cursors."""
    found: set[int] = set()
    cursor = None
    for _page in range(50):
        query = {"limit": 100, **params, **({"cursor": cursor} if cursor else {})}
        response = client.get(path, query)
        assert response.status_code == 200, (path, response.content)
        found |= {item["id"] for item in response.data["items"]}
        cursor = response.data["next"]
        if cursor is None:
            return found
    raise AssertionError(f"{path} did not end")


def _pks(queryset: Any) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _lists_follow_the_rules(client: Api, viewer: Any) -> None:
    assert _all(client, "/posts/") == _pks(visible_posts(viewer))
    assert _all(client, "/news/") == _pks(visible_posts(viewer).filter(kind=Post.Kind.NEWS))
    upcoming = visible_events(viewer).filter(ends_at__gt=timezone.now())
    assert _all(client, "/events/") == _pks(upcoming)
    assert _all(client, "/documents/") == _pks(visible_documents(viewer))
    assert _all(client, "/spaces/") == _pks(visible_spaces(viewer))
    assert _all(client, "/people/") == _pks(directory_people(viewer))


def _can_view(viewer: Any, thing: matrix.Thing) -> bool:
    obj = thing.obj
    rule = {
        "post": can_view_post,
        "event": can_view_event,
        "document": can_view_document,
        "space": can_view_space,
        "person": can_view_profile,
    }[thing.kind]
    obj = type(obj).objects.get(pk=obj.pk)  # as it is now, not as it was built
    return bool(rule(viewer, obj))


def _detail(client: Api, thing: matrix.Thing) -> int:
    if thing.kind == "space":
        return int(client.get(f"/spaces/{thing.obj.slug}").status_code)
    if thing.kind == "person":
        return int(client.get(f"/people/{thing.pk}").status_code)
    return int(client.get(DETAIL[thing.kind].format(thing.obj.pk)).status_code)


def test_the_viewers_cover_every_role_and_relation() -> None:
    assert {role for role, _ in VIEWERS} == set(ROLES)
    assert {relation for _, relation in VIEWERS} == set(RELATIONS)


@pytest.mark.parametrize(("role", "relation"), VIEWERS)
def test_the_api_shows_exactly_what_the_rules_allow(world: World, role: str, relation: str) -> None:
    viewer = world.viewers[role, relation]
    client = api_as(viewer)
    _lists_follow_the_rules(client, viewer)
    for thing in world.things:
        if thing.kind not in ("post", "event", "document", "space", "person"):
            continue
        allowed = _can_view(viewer, thing)
        if thing.rule in IN_WORDS:
            assert allowed is matrix.sees(role, relation, thing), thing.label
        if thing.kind == "person":
            person = type(thing.obj).objects.get(pk=thing.pk)
            assert allowed is matrix.sees_person(role, person), thing.label
        assert _detail(client, thing) == (200 if allowed else 404), (thing.label, allowed)


@pytest.mark.parametrize(("role", "relation"), WRITERS)
def test_writes_are_refused_where_the_web_refuses(world: World, role: str, relation: str) -> None:
    viewer = world.viewers[role, relation]
    client = api_as(viewer)
    member = relation in matrix.MEMBER
    for place in matrix.PLACES:
        space = world.spaces[place]
        post = world.thing(f"{place} post")
        reads = matrix.sees(role, relation, post)
        sees_space = matrix.sees(role, relation, world.thing(f"{place} space"))
        comment = client.post(f"/posts/{post.obj.pk}/comments", {"body": "Eens!"})
        assert comment.status_code == (201 if reads else 404), (place, comment.content)
        posted = client.post("/posts/", {"body": "Hallo", "space": space.slug})
        assert posted.status_code == (201 if member else 403 if sees_space else 404), place
        edit = client.patch(f"/posts/{post.obj.pk}", {"body": "Overgenomen"})
        assert edit.status_code == (403 if reads else 404), place
        document = world.thing(f"{place} document").obj
        version = client.client.post(
            f"/api/v1/documents/{document.pk}/versions", {}, headers=client.headers
        )
        assert version.status_code == 422  # (no file: refused before any rule is asked)
