"""Who a request acts as: `Authorization: Bearer <token>`, checked by the token service.

Each operation asks for one scope (read, write or news). The request then acts as the token's
person: `request.user` is that person, so the services and the `can_*`/`visible_*` rules are
asked exactly as the web pages ask them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from plein.accounts.tokens.models import AccessToken, Scope
from plein.accounts.tokens.services import token_authenticate
from plein.core.registries.access import may_enter

from .problems import ScopeError


class TokenAuth(HttpBearer):
    """A bearer token that must carry `scope`."""

    openapi_bearerFormat = "opaque"

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> AccessToken | None:
        found = token_authenticate(raw=token.strip())
        if found is None:
            return None  # 401
        person = found.person
        if person is None:
            raise ScopeError(_("This token is for provisioning only and acts as nobody."))
        if not found.allows(self.scope):
            raise ScopeError(
                _("This token lacks the scope “%(scope)s”.") % {"scope": self.scope},
                scope=self.scope,
            )
        if not may_enter(person):
            raise ScopeError(_("You cannot use Plein yet."))
        request.user = person
        return found


READ = TokenAuth(Scope.READ)
WRITE = TokenAuth(Scope.WRITE)
NEWS = TokenAuth(Scope.NEWS)


def scope_of(auth_callbacks: Any) -> str | None:
    for callback in auth_callbacks or ():
        if isinstance(callback, TokenAuth):
            return str(callback.scope)
    return None
