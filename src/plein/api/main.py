"""The REST API under /api/v1/: one NinjaAPI with a router per domain.

Everything the API adds to django-ninja is here: bearer tokens with a scope per operation, rate
limits per token, RFC 9457 problem details for every error (also for an unknown address or a
method an address does not take) and a schema that documents all of that.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from . import problems
from .auth import READ, scope_of
from .routers import (
    comments,
    documents,
    events,
    news,
    notifications,
    people,
    posts,
    search,
    spaces,
)
from .throttling import THROTTLES

BODY_TYPES = ("application/json", "multipart/form-data")
READ_PROBLEMS = (400, 401, 403, 404, 422, 429)
WRITE_PROBLEMS = (*READ_PROBLEMS, 413, 415)

DESCRIPTION = """Plein's REST API. Every request carries a token: `Authorization: Bearer <token>`.
A token acts as one person and sees and does exactly what that person may on the web pages.
Lists are paged with an opaque cursor; errors are RFC 9457 problem details."""


class PleinSchema(OpenAPISchema):
    """ninja's schema, with the scope of each operation and the problems it may answer with."""

    def operation_details(self, operation: Operation) -> dict[str, Any]:
        result: dict[str, Any] = super().operation_details(operation)
        scope = scope_of(operation.auth_callbacks)
        if scope:
            result["x-scope"] = scope
        codes = READ_PROBLEMS if operation.methods == ["GET"] else WRITE_PROBLEMS
        reference = {"$ref": "#/components/schemas/Problem"}
        for code in codes:
            result["responses"].setdefault(
                code,
                {
                    "description": problems.titles()[code],
                    "content": {problems.MEDIA_TYPE: {"schema": reference}},
                },
            )
        return result

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        scope = scope_of(operation.auth_callbacks)
        if scope is None:
            return None
        self.securitySchemes["bearer"] = READ.openapi_security_schema
        return [{"bearer": [scope]}]

    def get_components(self) -> dict[str, Any]:
        components: dict[str, Any] = super().get_components()
        components["schemas"]["Problem"] = problems.Problem.model_json_schema()
        return components


class PleinAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return PleinSchema(self, path_prefix)

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _problem_when_not_allowed(pattern.callback)
        # Any other address under the API: a problem, not the HTML page of the site.
        patterns.append(re_path(r"^.*$", _not_found, name="not-found"))
        return patterns


def _problem_when_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view, answering an unknown method with a problem (405) and a body in a format the API
    does not read (JSON and multipart/form-data) with another (415)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (
            request.method in ("POST", "PUT", "PATCH")
            and request.content_type not in BODY_TYPES
            and request.META.get("CONTENT_LENGTH", "0") not in ("", "0")
        ):
            return problems.problem(
                415, _("Send JSON (application/json), or a file as multipart/form-data.")
            )
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            return problems.problem(
                405,
                _("This address takes %(methods)s.") % {"methods": allowed},
                headers={"Allow": allowed},
            )
        return response

    return wrapped


def _not_found(request: HttpRequest) -> HttpResponse:
    return problems.problem(404, _("The API has no such address."))


api = PleinAPI(
    title="Plein API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,
    throttle=THROTTLES,
)
problems.install(api)
ROUTERS = (people, spaces, posts, comments, news, events, notifications, search, documents)
for router_module in ROUTERS:
    api.add_router(router_module.PREFIX, router_module.router)
