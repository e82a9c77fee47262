"""Rate limits per token, in Django's shared cache: one budget for reading (GET, HEAD) and one
for writing, from `PLEIN_API_RATE` (read at each request, so a change of settings counts)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenRateThrottle(SimpleRateThrottle):
    """Counts the requests of one token (by its public prefix) of one kind (read or write)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(rate=self._setting())

    def _setting(self) -> str:
        return str(settings.PLEIN_API_RATE[self.kind])

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if token is None or (request.method in SAFE_METHODS) != (self.kind == "read"):
            return None
        return f"plein-api-rate:{self.kind}:{token.prefix}"

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self._setting()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


THROTTLES: list[BaseThrottle] = [TokenRateThrottle("read"), TokenRateThrottle("write")]
