from collections.abc import Iterator
from datetime import timedelta

import pytest

from .provider import Provider, running_provider
from .saml_idp import IdentityProvider, require_xmlsec, running_identity_provider


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


@pytest.fixture(scope="session")
def saml_provider() -> Iterator[IdentityProvider]:
    require_xmlsec()
    with running_identity_provider() as provider:
        yield provider


@pytest.fixture
def idp(settings, saml_provider: IdentityProvider) -> IdentityProvider:  # type: ignore[no-untyped-def]
    """Plein set up for SAML with the identity provider on loopback."""
    settings.PLEIN_SAML_IDP_METADATA_URL = saml_provider.entity_id
    settings.SAML_SESSION_COOKIE_SAMESITE = "Lax"  # plain http on loopback
    return saml_provider
