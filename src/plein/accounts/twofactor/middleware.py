from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import gate

# What someone halfway through a password login can reach besides the step they must take.
OPEN_PATHS = (
    "/account/logout/",
    "/account/language/",
    "/healthz",
    "/manifest.webmanifest",
    "/sw.js",
    "/favicon.ico",
    settings.STATIC_URL,
)


class TwoFactorGateMiddleware:
    """After a password login, a person with two-factor authentication types a code first, and
    a person whose role requires it sets it up first; nothing else opens until then."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PATHS):
            return self.get_response(request)
        state = gate.pending(request)
        if state is None:
            return self.get_response(request)
        step = "accounts:twofactor_verify" if state == gate.VERIFY else "accounts:twofactor_setup"
        url = reverse(step)
        if request.path == url:
            return self.get_response(request)
        if request.method == "GET" and not request.headers.get("HX-Request"):
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
