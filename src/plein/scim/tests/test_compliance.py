"""The SCIM server checked by scim2-tester (discovery, creating, reading, replacing, patching
and deleting Users and Groups): no check may fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from scim2_client.engines.wsgi import WSGISCIMClient
from scim2_tester import Status, check_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_app() -> Iterator[object]:
    """Plein's WSGI application, run inside the test's transaction (as Django's test client
    does, the connection is not closed after each request)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _failures(wsgi_app: object, scim_token: str, **options: object) -> tuple[list[str], int]:
    client = WSGISCIMClient(
        wsgi_app,
        base_url="http://testserver/scim/v2",
        headers={"Authorization": f"Bearer {scim_token}"},
    )
    results = check_server(client, **options)  # type: ignore[arg-type]
    failed = [
        f"{result.resource_type or ''} {result.title}: {result.reason}"
        for result in results
        if result.status not in {Status.SUCCESS, Status.SKIPPED}
    ]
    return failed, sum(result.status == Status.SUCCESS for result in results)


def test_scim2_tester_finds_no_failure(wsgi_app: object, scim_token: str) -> None:
    failed, succeeded = _failures(wsgi_app, scim_token)
    assert failed == []
    assert succeeded > 40


def test_groups_as_spaces_pass_too(wsgi_app: object, scim_token: str, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_SCIM_GROUPS = "spaces"
    failed, succeeded = _failures(wsgi_app, scim_token, resource_types=["Group"])
    assert failed == []
    assert succeeded > 15
