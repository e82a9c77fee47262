"""Fixtures every test may use."""

import os
import shutil
from pathlib import Path

import factory.random
import pytest
from django.core.cache import cache

from plein.people.tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(tmp_path: Path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _names_drawn_per_test(request: pytest.FixtureRequest) -> None:
    """Seed the factories' random names with the test's id (and PLEIN_TEST_SEED), so a test sees
    the same people on every run, whatever ran before it on its worker."""
    factory.random.reseed_random(f"{os.environ.get('PLEIN_TEST_SEED', '')}/{request.node.nodeid}")


@pytest.fixture
def person(db):  # type: ignore[no-untyped-def]
    return PersonFactory()


@pytest.fixture
def administrator(db):  # type: ignore[no-untyped-def]
    return PersonFactory(roles=["administrator"], email="admin@example.org")


@pytest.fixture
def admin_client(client, administrator):  # type: ignore[no-untyped-def]
    """A client logged in as an administrator (replaces pytest-django's, made for usernames)."""
    client.force_login(administrator)
    return client


@pytest.fixture
def community_manager(db):  # type: ignore[no-untyped-def]
    return PersonFactory(roles=["community_manager"], email="cm@example.org")


@pytest.fixture
def logged_in_client(client, person):  # type: ignore[no-untyped-def]
    client.force_login(person)
    return client
