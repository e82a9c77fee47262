"""The API against its own schema, on a live server (issue 17): schemathesis generates requests
for every operation from the OpenAPI schema and checks that none ends in a server error and that
every answer keeps to the schema (documented status, content type and body).

Bounded to stay quick: a few derandomised examples per operation (explicit examples first),
as an editor with read, write and news scopes in a small organisation with one of everything.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from plein.documents.tests.factories import DocumentFactory
from plein.events.tests.factories import EventFactory
from plein.news.tests.factories import news_item
from plein.notifications.models import Notification
from plein.people.roles import roles_sync
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.posts.tests.factories import CommentFactory, PostFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .helpers import token_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

EXAMPLES = 4  # per operation
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _organisation() -> tuple[str, dict[str, object]]:
    """A small organisation with one of everything: the editor's token, and the ids of what is
    there by the name of the path parameter that takes them."""
    roles_sync()  # (a browser test's flush may have taken the role groups)
    editor = PersonFactory(roles=["editor"], department=DepartmentFactory())
    colleague = PersonFactory()
    space = SpaceFactory(kind="open", slug="team")
    MembershipFactory(space=space, person=editor, role=Membership.Role.OWNER)
    post = PostFactory(author=colleague, space=space)
    CommentFactory(post=post, author=editor)
    news = news_item(author=editor, must_read=True)
    event = EventFactory(
        organiser=editor, space=space, starts_at=timezone.now() + timedelta(days=1)
    )
    document = DocumentFactory(owner=editor, space=space)
    notification = Notification.objects.create(
        recipient=editor, actor=colleague, kind="comment", post=post
    )
    existing = {
        "person_id": colleague.pk,
        "slug": space.slug,
        "post_id": post.pk,
        "news_id": news.pk,
        "event_id": event.pk,
        "document_id": document.pk,
        "notification_id": notification.pk,
    }
    return token_for(editor), existing


def test_every_operation_keeps_to_the_schema(live_server, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_API_RATE = {"read": "10000/min", "write": "10000/min"}
    token, existing = _organisation()
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    turns = itertools.count()
    assert len(operations) > 25
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):  # type: ignore[no-untyped-def]
            # Every other example about something that exists (a made-up id finds nothing).
            if case.path_parameters and next(turns) % 2:
                for name in case.path_parameters:
                    case.path_parameters[name] = existing.get(name, case.path_parameters[name])
            case.call_and_validate(base_url=live_server.url, headers=headers, checks=CHECKS)

        check()
