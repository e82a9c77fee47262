import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """Rendered by django-axes when an account is locked for a connection."""
    cooloff = timedelta(hours=settings.AXES_COOLOFF_TIME)
    return render(
        request,
        "accounts/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": max(1, math.ceil(cooloff.total_seconds() / 60)),
        },
        status=429,
    )
