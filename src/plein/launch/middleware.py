from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .permissions import can_enter
from .selectors import launch_plan

# What someone who may not enter yet can still reach: the coming-soon page itself, logging out
# and in, choosing a password or a language, and files the pages need.
OPEN_PATHS = (
    "/launch/coming-soon/",
    "/account/",
    "/healthz",
    "/manifest.webmanifest",
    "/sw.js",
    "/favicon.ico",
    "/getting-started/app/",
    settings.STATIC_URL,
)


class LaunchGateMiddleware:
    """Before the launch only the people allowed in (project team, editors, ambassadors, the
    pilot) use the intranet; everyone else who is logged in sees the coming-soon page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PATHS)
            and not launch_plan().is_launched
            and not can_enter(user)
        ):
            return redirect("launch:coming_soon")
        return self.get_response(request)
