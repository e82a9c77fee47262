"""Collects a request's usage events and writes them with one INSERT after the response has been
sent (plein.core.after_response), so no one waits for the write.

It also records, for a logged-in person:
- a VISIT when their previous request in this session was more than 30 minutes ago;
- a VIEW for a successful GET of any URL named "detail" (in any app, so new content types are
  counted without changes here): subject = the URL's app name, object_id = its pk, if any.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from plein.core.after_response import after_response

from . import events
from .models import Kind

VISIT_GAP = 30 * 60  # seconds without a request after which the next one is a new visit
SESSION_KEY = "adoption_seen"
# The session keeps the moment of the last request to the minute: writing the session on
# every request would cost an UPDATE per request.
SEEN_RESOLUTION = 60
VIEW_URL_NAME = "detail"


class UsageEventMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with events.collecting() as recorded:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                self._visit(request, user)
                self._view(request, response, user)
        if recorded:
            after_response(events.write, recorded)
        return response

    def _visit(self, request: HttpRequest, user: Any) -> None:
        session = getattr(request, "session", None)
        if session is None:
            return
        now = int(time.time())
        seen = session.get(SESSION_KEY)
        if not isinstance(seen, int) or now - seen > VISIT_GAP:
            events.record_now(user, Kind.VISIT)
        if not isinstance(seen, int) or now - seen >= SEEN_RESOLUTION:
            session[SESSION_KEY] = now

    def _view(self, request: HttpRequest, response: HttpResponse, user: Any) -> None:
        match = getattr(request, "resolver_match", None)
        if (
            match is None
            or request.method != "GET"
            or response.status_code != 200
            or match.url_name != VIEW_URL_NAME
        ):
            return
        pk = match.kwargs.get("pk")
        try:
            object_id = int(pk) if pk is not None else None
        except (TypeError, ValueError):
            object_id = None
        subject = match.app_name or (match.namespaces[0] if match.namespaces else "")
        events.record_now(user, Kind.VIEW, subject=subject, object_id=object_id)
