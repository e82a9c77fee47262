from collections.abc import Iterator
from datetime import timedelta

import pytest

from .provider import Provider, running_provider


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    with running_provider() as provider:
        yield provider


@pytest.fixture(scope="session")
def expiring_oidc_provider() -> Iterator[Provider]:
    """A provider whose ID tokens expired ten minutes before they were issued."""
    with running_provider(token_max_age=timedelta(minutes=-10)) as provider:
        yield provider


@pytest.fixture
def op(settings, oidc_provider: Provider) -> Provider:  # type: ignore[no-untyped-def]
    """Plein set up for single sign-on with the provider on loopback."""
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    return oidc_provider
