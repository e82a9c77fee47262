"""Calling the API in tests: a client that sends a token of a person with some scopes."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from plein.accounts.tokens.models import Scope
from plein.accounts.tokens.services import token_create
from plein.people.models import Person

ALL_SCOPES = (Scope.READ, Scope.WRITE, Scope.NEWS)
BASE = "/api/v1"


def token_for(person: Person, scopes: tuple[str, ...] = ALL_SCOPES) -> str:
    made = token_create(
        actor=person,
        name="Tests",
        scopes=scopes,
        expires_at=timezone.now() + timedelta(days=30),
    )
    return made.raw


class Api:
    """Requests to /api/v1 with `Authorization: Bearer <token>`; answers parsed as JSON."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, data: Any = None, **extra: Any) -> Any:
        kwargs: dict[str, Any] = {"headers": {**self.headers, **extra.pop("headers", {})}}
        if data is not None and method in ("post", "put", "patch"):
            kwargs.update(data=json.dumps(data), content_type="application/json")
        elif data is not None:
            kwargs["data"] = data
        response = getattr(self.client, method)(BASE + path, **kwargs, **extra)
        response.data = json.loads(response.content) if response.content else None
        return response

    def get(self, path: str, params: Any = None, **extra: Any) -> Any:
        return self.call("get", path, params, **extra)

    def post(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.call("post", path, data if data is not None else {}, **extra)

    def put(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.call("put", path, data, **extra)

    def patch(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.call("patch", path, data, **extra)

    def delete(self, path: str, **extra: Any) -> Any:
        return self.call("delete", path, **extra)


def api_as(person: Person, scopes: tuple[str, ...] = ALL_SCOPES) -> Api:
    return Api(token_for(person, scopes))


def ids(response: Any) -> set[int]:
    return {item["id"] for item in response.data["items"]}
