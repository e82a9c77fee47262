"""Limits on how often a person may do something (post, comment, react, invite) or an address
may ask for a password reset: a fixed window counted in Django's shared cache (Redis or the file
cache every process shares, never a per-process memory), limits in settings.PLEIN_RATE_LIMITS as
"count/period". Past the limit a view answers 429 with a clear page (429.html) or, for htmx, a
short message shown at the top of the page, and Retry-After."""

from __future__ import annotations

import functools
import hashlib
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "hour": 3600, "h": 3600, "day": 86400, "d": 86400}

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """'30/hour' -> 30 per 3600 s; '5/10min' -> 5 per 600 s."""
        count, _, period = text.partition("/")
        digits = "".join(c for c in period if c.isdigit())
        unit = period[len(digits) :].strip().lower()
        return cls(int(count), int(digits or 1) * PERIODS[unit])


def rate_for(scope: str) -> Rate:
    return Rate.parse(settings.PLEIN_RATE_LIMITS[scope])


def hit(scope: str, who: str) -> int | None:
    """Counts one attempt of `who` at `scope`: None when allowed, else the seconds to wait."""
    rate = rate_for(scope)
    now = time.time()
    window = int(now // rate.seconds)
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]  # addresses never stored as such
    key = f"plein-rate:{scope}:{digest}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The 429 answer: a page, or for htmx a message placed at the top of the main content."""
    minutes = max(1, math.ceil(retry_after / 60))
    context = {"minutes": minutes}
    if request.headers.get("HX-Request"):
        response = render(request, "core/partials/rate_limited.html", context, status=429)
        response["HX-Retarget"] = "#main"
        response["HX-Reswap"] = "afterbegin"
    else:
        response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def person(request: HttpRequest) -> Iterable[str]:
    return [f"person:{request.user.pk}"]


def client_address(request: HttpRequest) -> str:
    """The address the login lock-out (django-axes) sees, so both read a proxy the same way."""
    return str(get_client_ip_address(request) or "")


def address_and_email(request: HttpRequest) -> Iterable[str]:
    """For requests without a person (a password reset): the client's address and, when one was
    typed, the e-mail address asked about, each with a budget of its own."""
    keys = [f"ip:{client_address(request)}"]
    email = str(request.POST.get("email", "")).strip().lower()
    if email:
        keys.append(f"email:{email}")
    return keys


def limited(
    scope: str,
    keys: Callable[[HttpRequest], Iterable[str]] = person,
    methods: tuple[str, ...] = ("POST",),
) -> Callable[[View], View]:
    """Decorates a view: each of its `methods` requests counts against every key of `keys`."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method in methods:
                waits = [hit(scope, key) for key in keys(request)]
                retry_after = max((w for w in waits if w), default=0)
                if retry_after:
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
