"""The API's documentation page: a Plein page written from the OpenAPI schema, so it always
says what the API does (no third-party JavaScript; readable without it, and translated)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from plein.core.paths import absolute_url

from . import problems
from .main import api


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str = ""
    where: str = ""


@dataclass
class Operation:
    id: str
    method: str
    path: str
    summary: str
    description: str
    scope: str
    parameters: list[Field] = field(default_factory=list)
    body_type: str = ""
    body: list[Field] = field(default_factory=list)
    response: list[Field] = field(default_factory=list)
    curl: str = ""


@dataclass
class Tag:
    name: str
    title: str
    operations: list[Operation] = field(default_factory=list)


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _type(schema: dict[str, Any], spec: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(option, spec) for option in schema["anyOf"])
    kind = str(schema.get("type", "object"))
    if kind == "array":
        return f"list[{_type(schema.get('items', {}), spec)}]"
    fmt = schema.get("format")
    return f"{kind} ({fmt})" if fmt else kind


def _fields(schema: dict[str, Any], spec: dict[str, Any]) -> list[Field]:
    schema = _resolve(schema, spec)
    required = set(schema.get("required", ()))
    return [
        Field(name, _type(prop, spec), name in required, str(prop.get("description", "")))
        for name, prop in schema.get("properties", {}).items()
    ]


def _example_value(prop: dict[str, Any]) -> Any:
    kind = prop.get("type")
    return {"integer": 1, "boolean": True, "array": []}.get(str(kind), "…")


def _curl(method: str, url: str, body_type: str, body: list[Field]) -> str:
    lines = [f"curl -X {method} '{url}'", '  -H "Authorization: Bearer $PLEIN_TOKEN"']
    required = [f for f in body if f.required]
    if body_type == "multipart/form-data":
        lines += [
            f"  -F '{f.name}=@file.pdf'" if "binary" in f.type else f"  -F '{f.name}=…'"
            for f in required
        ]
    elif body_type:
        example = {f.name: _example_value({"type": f.type.split(" ")[0]}) for f in required}
        lines += [
            '  -H "Content-Type: application/json"',
            f"  -d '{json.dumps(example, ensure_ascii=False)}'",
        ]
    return " \\\n".join(lines)


def _operation(path: str, method: str, details: dict[str, Any], spec: dict[str, Any]) -> Operation:
    op = Operation(
        id=details["operationId"],
        method=method.upper(),
        path=path,
        summary=_(details.get("summary") or ""),
        description=details.get("description", ""),
        scope=details.get("x-scope", ""),
    )
    for param in details.get("parameters", []):
        op.parameters.append(
            Field(
                param["name"],
                _type(param.get("schema", {}), spec),
                bool(param.get("required")),
                str(param.get("description") or param.get("schema", {}).get("description", "")),
                param["in"],
            )
        )
    for media_type, content in details.get("requestBody", {}).get("content", {}).items():
        op.body_type, op.body = media_type, _fields(content["schema"], spec)
    for status in ("200", "201", 200, 201):
        content = details["responses"].get(status, {}).get("content", {})
        if "application/json" in content:
            op.response = _fields(content["application/json"]["schema"], spec)
            break
    op.curl = _curl(op.method, absolute_url(path), op.body_type, op.body)
    return op


@functools.cache
def reference(language: str) -> list[Tag]:
    """The operations of the API by tag, as the schema describes them, in `language` (worked
    out once per process and language: the schema does not change while Plein runs)."""
    spec = api.get_openapi_schema()
    titles = tag_titles()
    tags: dict[str, Tag] = {}
    for path, methods in spec["paths"].items():
        for method, details in methods.items():
            name = (details.get("tags") or ["api"])[0]
            tags.setdefault(name, Tag(name, titles.get(name, name))).operations.append(
                _operation(path, method, details, spec)
            )
    return list(tags.values())


@login_required
@require_safe
def documentation(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/docs.html",
        {
            "tags": reference(get_language()),
            "schema_path": reverse("api:openapi-json"),
            "schema_url": absolute_url(reverse("api:openapi-json")),
            "problem_statuses": [
                (status, title, problems.SLUGS[status])
                for status, title in sorted(problems.titles().items())
            ],
            "rates": settings.PLEIN_API_RATE,
        },
    )


def tag_titles() -> dict[str, str]:
    return {
        "people": _("People"),
        "spaces": _("Spaces"),
        "posts": _("Posts and comments"),
        "news": _("News"),
        "events": _("Events"),
        "notifications": _("Notifications"),
        "search": _("Search"),
        "documents": _("Documents"),
    }
