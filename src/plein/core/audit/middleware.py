"""Where a request comes from, for the audit log: services do not get the request, so
`AuditMiddleware` keeps its address and browser in a context variable that `record` reads.

The address is REMOTE_ADDR unless `PLEIN_AUDIT_IP_HEADER` names a header that a trusted proxy
in front of Plein sets (e.g. HTTP_X_FORWARDED_FOR): then the last address in that header, the one
the proxy itself added, is taken. Never name a header that no proxy of yours overwrites: anyone
could then write any address into the log.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

USER_AGENT_LENGTH = 200


@dataclass(frozen=True)
class Origin:
    ip_address: str | None
    user_agent: str


_origin: ContextVar[Origin | None] = ContextVar("plein_audit_origin", default=None)


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def origin_of(request: HttpRequest) -> Origin:
    header = getattr(settings, "PLEIN_AUDIT_IP_HEADER", "")
    address = None
    if header and request.META.get(header):
        address = _valid(str(request.META[header]).split(",")[-1])
    if address is None:
        address = _valid(str(request.META.get("REMOTE_ADDR", "")))
    agent = str(request.META.get("HTTP_USER_AGENT", ""))[:USER_AGENT_LENGTH]
    return Origin(address, agent)


def current_origin() -> Origin | None:
    """The current request's origin; None outside a request (tasks, commands)."""
    return _origin.get()


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _origin.set(origin_of(request))
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)
