"""Errors as RFC 9457 problem details: every error of the API is `application/problem+json`
with `type`, `title`, `status` and `detail`, and `errors` (field → messages) when input was
refused. The handlers below turn every exception the API meets into one."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from plein.core.paths import absolute_url, path

logger = logging.getLogger("plein.api")

MEDIA_TYPE = "application/problem+json"


def titles() -> dict[int, str]:
    """The title of each problem the API answers with, in the request's language."""
    return {
        400: _("Bad request"),
        401: _("Not authenticated"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        413: _("Request too large"),
        415: _("Unsupported media type"),
        422: _("Invalid input"),
        429: _("Too many requests"),
        500: _("Server error"),
    }


SLUGS = {
    400: "bad-request",
    401: "not-authenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid",
    429: "too-many-requests",
    500: "server-error",
}


def problem_type(status: int) -> str:
    """The problem's type: its explanation on the API's documentation page."""
    return absolute_url(path("api_docs")) + "#problem-" + SLUGS.get(status, "error")


class Problem(Schema):
    """An error, as RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = None


def problem(
    status: int,
    detail: str = "",
    *,
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": problem_type(status),
        "title": titles().get(status, _("Error")),
        "status": status,
        "detail": detail or titles().get(status, ""),
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field(location: Any) -> str:
    """A pydantic error location as a field name: ('body', 'payload', 'title') → 'title'."""
    parts = [str(part) for part in location]
    if parts and parts[0] in ("body", "query", "path", "form", "file"):
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in ("payload", "filters", "page", "data"):
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field(error.get("loc", ())), []).append(str(error.get("msg", "")))
    return problem(422, _("Some of the input is not valid."), errors=errors)


def on_service_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service refused the input: its messages, by field where it named them."""
    if hasattr(exc, "error_dict"):
        errors = {
            field: [str(m) for m in DjangoValidationError(e).messages]
            for field, e in exc.error_dict.items()
        }
        detail = " ".join(message for messages in errors.values() for message in messages)
        return problem(422, detail, errors=errors)
    return problem(422, " ".join(exc.messages), errors={"__all__": list(exc.messages)})


def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    has_token = bool(request.headers.get("Authorization"))
    challenge = 'Bearer realm="plein"' + (', error="invalid_token"' if has_token else "")
    detail = (
        _("The token is unknown, revoked or expired, or acts as a deactivated person.")
        if has_token
        else _("Send a token: Authorization: Bearer <token>.")
    )
    return problem(401, detail, headers={"WWW-Authenticate": challenge})


def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return problem(429, _("This token made too many requests. Wait a moment and try again."))


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    headers = getattr(exc, "headers", None)
    return problem(exc.status_code, exc.message, headers=headers)


def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem(403, str(exc) or _("You may not do this."))


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(404, _("There is nothing here, or you may not see it."))


def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return problem(413, _("The request is larger than Plein accepts."))


def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    return problem(400, _("The request is malformed."))


def on_anything(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error at %s", request.path, exc_info=exc)
    return problem(500, _("Something went wrong on our side. Try again later."))


class ScopeError(HttpError):
    """The token may not do this (RFC 6750: insufficient_scope)."""

    def __init__(self, message: str, *, scope: str = "") -> None:
        super().__init__(403, message)
        challenge = 'Bearer realm="plein", error="insufficient_scope"'
        self.headers = {"WWW-Authenticate": challenge + (f', scope="{scope}"' if scope else "")}


def install(api: NinjaAPI) -> None:
    handlers: list[tuple[type[Exception], Any]] = [
        (Exception, on_anything),
        (HttpError, on_http_error),
        (AuthenticationError, on_authentication),
        (Throttled, on_throttled),
        (ValidationError, on_validation),
        (DjangoValidationError, on_service_error),
        (PermissionDenied, on_permission_denied),
        (Http404, on_not_found),
        (SuspiciousOperation, on_suspicious),
        (RequestDataTooBig, on_too_big),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
