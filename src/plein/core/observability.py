"""Request ids and log lines: every request gets an id (taken from a trusted proxy's X-Request-ID
or made here), returned in the response's X-Request-ID and added to every log line written while
the request runs. LOG_FORMAT=json writes one JSON object per line (JsonFormatter)."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"
ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def request_id_of(request: HttpRequest) -> str:
    incoming = request.headers.get(HEADER, "")
    if settings.PLEIN_TRUST_REQUEST_ID and ACCEPTED_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Outermost middleware: names the request for the logs and the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.request_id = request_id_of(request)  # type: ignore[attr-defined]
        # Kept until the response is closed (request_finished): Django logs an error response
        # ("Not Found: /…") after the middleware has returned.
        current_request.set(request)
        response = self.get_response(request)
        response[HEADER] = request.request_id  # type: ignore[attr-defined]
        return response


@receiver(request_finished)
def _request_done(**kwargs: Any) -> None:
    current_request.set(None)


def _user_id(request: HttpRequest) -> int | None:
    # Only a person already looked up: a log line never makes a query of its own.
    user = request.__dict__.get("_cached_user")
    return getattr(user, "pk", None) if user is not None else None


class RequestFilter(logging.Filter):
    """Adds request_id, path and user_id (None outside a request) to each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = current_request.get()
        record.request_id = getattr(request, "request_id", None)
        record.path = request.path if request is not None else None
        record.user_id = _user_id(request) if request is not None else None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors (Loki, Elastic, journald...)."""

    FIELDS = ("request_id", "path", "user_id")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in self.FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
