"""A real OpenID Connect provider on loopback for the tests: oidc-provider-mock (authlib, Flask)
in a thread, on a free port. It signs ID tokens with RS256, publishes discovery and JWKS, and
lets a test choose who logs in (the "sub") and their claims."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from oidc_provider_mock import run_server_in_thread

CLIENT_ID = "plein-tests"
CLIENT_SECRET = "plein-tests-secret"  # the mock accepts any secret


@dataclass(frozen=True)
class Provider:
    issuer: str

    def set_user(self, sub: str, **claims: Any) -> None:
        """What the provider says about `sub` (standard and custom claims)."""
        requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=5).raise_for_status()

    def approve(self, authorization_url: str, sub: str) -> str:
        """Log in as `sub` at the provider's authorization page: the redirect back (with code
        and state), as the browser would follow it."""
        response = requests.post(
            authorization_url, data={"sub": sub}, allow_redirects=False, timeout=5
        )
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    def settings(self) -> dict[str, Any]:
        return {
            "PLEIN_OIDC_ISSUER": self.issuer,
            "PLEIN_OIDC_CLIENT_ID": CLIENT_ID,
            "PLEIN_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        }

    def id_token(self, *, client_id: str, sub: str, nonce: str) -> str:
        """An ID token the provider signs for another client (its audience is `client_id`)."""
        redirect_uri = "http://127.0.0.1/elsewhere/"
        location = self.approve(
            f"{self.issuer}/oauth2/authorize?"
            + requests.compat.urlencode(
                {
                    "client_id": client_id,
                    "redirect_uri": redirect_uri,
                    "response_type": "code",
                    "scope": "openid email profile",
                    "state": "s",
                    "nonce": nonce,
                }
            ),
            sub,
        )
        code = parse_qs(urlsplit(location).query)["code"][0]
        response = requests.post(
            f"{self.issuer}/oauth2/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": client_id,
                "client_secret": CLIENT_SECRET,
            },
            timeout=5,
        )
        response.raise_for_status()
        return str(response.json()["id_token"])


@contextmanager
def running_provider(*, token_max_age: timedelta = timedelta(hours=1)) -> Iterator[Provider]:
    """A provider on a free loopback port, stopped when the block ends. A negative
    `token_max_age` makes it hand out ID tokens that have already expired."""
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on loopback
    with run_server_in_thread(
        port=0, require_nonce=True, access_token_max_age=token_max_age
    ) as server:
        yield Provider(issuer=f"http://localhost:{server.server_port}")
