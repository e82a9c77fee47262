"""Fixtures every test may use."""

import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import factory.random
import pytest
from django.core.cache import cache
from django.utils import translation

from plein.people.tests.factories import PersonFactory


def _test_dir() -> Path | None:
    """This process's directory for the file cache and the SQLite test database
    (settings/test.py); None when the settings are not the test settings."""
    from django.conf import settings

    return getattr(settings, "TEST_DIR", None) if settings.configured else None


def pytest_configure(config: pytest.Config) -> None:
    test_dir = _test_dir()
    if test_dir is not None:
        test_dir.mkdir(parents=True, exist_ok=True)


def pytest_unconfigure(config: pytest.Config) -> None:
    test_dir = _test_dir()
    if test_dir is not None and not os.environ.get("PLEIN_TEST_DIR"):
        shutil.rmtree(test_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(tmp_path: Path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the settings' language. A request's language stays active in its
    thread after the response (Django's LocaleMiddleware sets it per request, never back), so
    without this a test that reads labels outside a request saw the Dutch of the test before it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _names_drawn_per_test(request: pytest.FixtureRequest) -> None:
    """Seed the factories' random names (and `random`) with the test's id and PLEIN_TEST_SEED, so
    a test sees the same people on every run, in any order, whatever ran before it on its worker.
    (pytest-randomly only shuffles: `--randomly-dont-reset-seed` in pyproject.toml keeps it from
    reseeding these with its order seed just before the test body.)"""
    seed = f"{os.environ.get('PLEIN_TEST_SEED', '')}/{request.node.nodeid}"
    factory.random.reseed_random(seed)
    random.seed(seed)


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
