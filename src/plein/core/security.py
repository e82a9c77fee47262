"""Response headers Django does not set itself. The Content-Security-Policy comes from django-csp
(settings.CONTENT_SECURITY_POLICY); X-Frame-Options, Referrer-Policy and Cross-Origin-Opener-Policy
from Django's own middleware."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def permissions_policy() -> str:
    """The Permissions-Policy header: `feature=(allowlist)` pairs, comma separated."""
    return ", ".join(f"{feature}={allow}" for feature, allow in settings.PERMISSIONS_POLICY.items())


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy (the browser features Plein does not use are off)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = permissions_policy()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
