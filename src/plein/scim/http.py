"""SCIM over HTTP: bearer-token authentication, JSON in and out, errors as SCIM error documents
(RFC 7644 section 3.12). No session, no CSRF: a SCIM client sends its token with every request."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from plein.accounts.tokens.models import AccessToken, Scope
from plein.accounts.tokens.services import token_authenticate

logger = logging.getLogger("plein.scim")

CONTENT_TYPE = "application/scim+json"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
SEARCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"


class ScimError(Exception):
    """An answer other than success: the HTTP status, what went wrong and the scimType."""

    def __init__(self, status: int, detail: str, scim_type: str = "") -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type


def json_response(document: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(document), content_type=CONTENT_TYPE, status=status)


def error_response(error: ScimError) -> HttpResponse:
    document: dict[str, Any] = {
        "schemas": [ERROR_SCHEMA],
        "status": str(error.status),
        "detail": error.detail,
    }
    if error.scim_type:
        document["scimType"] = error.scim_type
    return json_response(document, status=error.status)


def read_json(request: HttpRequest) -> dict[str, Any]:
    try:
        document = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ScimError(400, "The request body is not valid JSON.", "invalidSyntax") from None
    if not isinstance(document, dict):
        raise ScimError(400, "The request body must be a JSON object.", "invalidSyntax")
    return document


def _validation_detail(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{field}: {message}" if field != "__all__" else str(message)
            for field, messages in error.message_dict.items()
            for message in messages
        )
    return " ".join(error.messages)


def _token(request: HttpRequest) -> AccessToken | None:
    scheme, _space, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    token = token_authenticate(raw=raw.strip())
    return token if token is not None and token.allows(Scope.SCIM) else None


def scim_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only a usable token with the SCIM scope gets in (401 otherwise); the view finds it on
    request.scim_token. A ScimError or a ValidationError from a service becomes an error
    document; a conflict (e-mail address, user name...) is 409, other bad values 400.

    SCIM speaks English: its error details end up in the client's provisioning logs, next to
    the client's own English messages, so Plein's messages are given in English here too.
    """

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = _token(request)
        if token is None:
            response = error_response(
                ScimError(401, "A bearer token with the SCIM scope is required.")
            )
            response["WWW-Authenticate"] = 'Bearer realm="SCIM"'
            return response
        request.scim_token = token  # type: ignore[attr-defined]
        try:
            with translation.override("en"):
                return view(request, *args, **kwargs)
        except ScimError as error:
            return error_response(error)
        except ValidationError as error:
            conflict = getattr(error, "code", None) == "conflict"
            return error_response(
                ScimError(
                    409 if conflict else 400,
                    _validation_detail(error),
                    "uniqueness" if conflict else "invalidValue",
                )
            )
        except Exception:  # the client gets a SCIM error too; the details stay in Plein's log
            logger.exception("SCIM request %s %s failed", request.method, request.path)
            return error_response(ScimError(500, "Plein could not handle this request."))

    return wrapped
