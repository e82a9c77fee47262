"""OpenID Connect with mozilla-django-oidc, configured from Plein's settings (PLEIN_OIDC_*).

The provider's endpoints come from its discovery document
(`<issuer>/.well-known/openid-configuration`, kept in Django's shared cache for an hour) unless
the settings name them. The ID token's signature (RS256 with the provider's JWKS), issuer,
audience, expiry and nonce are checked before anyone is looked up.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from plein.people.models import Person

from .identity import DEFAULT_OIDC_CLAIMS, ExternalClaims, claims_from
from .models import ExternalIdentity
from .services import identity_sign_in

logger = logging.getLogger(__name__)

DISCOVERY_CACHE_SECONDS = 60 * 60
TIMEOUT_SECONDS = 10
# Clocks of Plein and the provider may differ a little.
LEEWAY_SECONDS = 30

# Plein's settings for the endpoints, with their names in the discovery document.
ENDPOINTS = {
    "authorization_endpoint": "PLEIN_OIDC_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "PLEIN_OIDC_TOKEN_ENDPOINT",
    "userinfo_endpoint": "PLEIN_OIDC_USERINFO_ENDPOINT",
    "jwks_uri": "PLEIN_OIDC_JWKS_URI",
    "end_session_endpoint": "PLEIN_OIDC_END_SESSION_ENDPOINT",
}


def enabled() -> bool:
    return bool(settings.PLEIN_OIDC_ISSUER and settings.PLEIN_OIDC_CLIENT_ID)


def issuer() -> str:
    return str(settings.PLEIN_OIDC_ISSUER).rstrip("/")


def _discovery() -> dict[str, Any]:
    """The provider's discovery document, fetched once an hour for every process."""
    key = f"plein:oidc:discovery:{issuer()}"
    document = cache.get(key)
    if document is None:
        response = requests.get(
            issuer() + "/.well-known/openid-configuration", timeout=TIMEOUT_SECONDS
        )
        response.raise_for_status()
        document = response.json()
        if str(document.get("issuer", "")).rstrip("/") != issuer():
            raise ImproperlyConfigured(
                f"The OpenID provider at {issuer()} names another issuer: "
                f"{document.get('issuer')!r}. Check PLEIN_OIDC_ISSUER."
            )
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def endpoint(name: str) -> str:
    """An endpoint of the provider (a key of ENDPOINTS): from the settings, else discovered."""
    configured = getattr(settings, ENDPOINTS[name], "")
    if configured:
        return str(configured)
    return str(_discovery().get(name) or "")


def claim_mapping() -> dict[str, str]:
    return {**DEFAULT_OIDC_CLAIMS, **settings.PLEIN_OIDC_CLAIMS}


# What mozilla-django-oidc reads from the settings, taken from Plein's instead.
_LIBRARY_SETTINGS = {
    "OIDC_RP_CLIENT_ID": lambda: settings.PLEIN_OIDC_CLIENT_ID,
    "OIDC_RP_CLIENT_SECRET": lambda: settings.PLEIN_OIDC_CLIENT_SECRET,
    "OIDC_RP_SCOPES": lambda: settings.PLEIN_OIDC_SCOPES,
    "OIDC_RP_SIGN_ALGO": lambda: settings.PLEIN_OIDC_SIGN_ALGORITHM,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": lambda: endpoint("authorization_endpoint"),
    "OIDC_OP_TOKEN_ENDPOINT": lambda: endpoint("token_endpoint"),
    "OIDC_OP_USER_ENDPOINT": lambda: endpoint("userinfo_endpoint"),
    "OIDC_OP_JWKS_ENDPOINT": lambda: endpoint("jwks_uri"),
    "OIDC_AUTHENTICATION_CALLBACK_URL": lambda: "accounts:oidc_callback",
    "OIDC_USE_NONCE": lambda: True,
    "OIDC_USE_PKCE": lambda: settings.PLEIN_OIDC_USE_PKCE,
    "OIDC_TIMEOUT": lambda: TIMEOUT_SECONDS,
    "OIDC_VERIFY_SSL": lambda: True,
}


def _library_setting(attr: str, *default: Any) -> Any:
    if attr in _LIBRARY_SETTINGS:
        return _LIBRARY_SETTINGS[attr]()
    return getattr(settings, attr, *default)


class LoginStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with state, nonce and a PKCE challenge."""

    get_settings = staticmethod(_library_setting)

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        # The provider's pages in the language of the login page.
        return {"ui_locales": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)}


class Client(OIDCAuthenticationBackend):
    """The code flow against the provider; not an authentication backend of the settings:
    the callback view calls it and logs the person in itself (see views.oidc_callback)."""

    get_settings = staticmethod(_library_setting)
    id_token: str = ""

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """The ID token's claims once its signature, algorithm, issuer, audience and expiry
        are right (the library itself checks neither issuer nor audience)."""
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer(),
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def retrieve_matching_jwk(self, token: str) -> jwt.PyJWK:
        """The provider's key that signed `token`: the one its "kid" names, or the only signing
        key of the JWKS when the token names none."""
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        header = jwt.get_unverified_header(token)
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig"
            and key.get("alg", header.get("alg")) == header.get("alg")
            and ("kid" not in header or key.get("kid") == header["kid"])
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("No single key of the provider matches the ID token")
        return jwt.PyJWK(keys[0])

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict:
        """The ID token's claims, completed by the userinfo endpoint when the provider has one
        (for the same subject only)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo endpoint answered for another subject")
            claims = {**userinfo, **payload}
        return claims

    def store_tokens(self, access_token: str, id_token: str) -> None:
        self.id_token = id_token  # the view keeps it for logging out at the provider

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> Person:
        raw = self.get_userinfo(access_token, id_token, payload)
        claims: ExternalClaims = claims_from(
            raw, protocol=ExternalIdentity.Protocol.OIDC, issuer=issuer(), mapping=claim_mapping()
        )
        return identity_sign_in(claims=claims, create_people=settings.PLEIN_SSO_CREATE_PEOPLE)


def logout_url(*, id_token: str, post_logout_redirect_uri: str) -> str:
    """Where to end the session at the provider too (RP-initiated logout), or '' when the
    provider has no end_session_endpoint or the settings switch it off."""
    if not settings.PLEIN_OIDC_LOGOUT_AT_PROVIDER:
        return ""
    try:
        end_session = endpoint("end_session_endpoint")
    except (requests.RequestException, ValueError, ImproperlyConfigured):
        logger.warning("OIDC: the provider's discovery document is unavailable", exc_info=True)
        return ""
    if not end_session:
        return ""
    query = {
        "client_id": settings.PLEIN_OIDC_CLIENT_ID,
        "post_logout_redirect_uri": post_logout_redirect_uri,
    }
    if id_token:
        query["id_token_hint"] = id_token
    return end_session + ("&" if "?" in end_session else "?") + urlencode(query)
