import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from plein.core import audit
from plein.core.audit.middleware import origin_of
from plein.core.audit.models import AuditEntry
from plein.people.models import Person


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


def audit_lockout(
    sender: object, *, request: HttpRequest, username: str | None = None, **kwargs: object
) -> None:
    """django-axes' user_locked_out receiver (connected in AccountsConfig.ready()): a lockout in
    the audit log, once per lock (axes tells again at every attempt while the lock holds)."""
    typed = (username or "")[:200]
    origin = origin_of(request)
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    already = AuditEntry.objects.filter(
        action=audit.LOCKED_OUT.code,
        details__username=typed,
        ip_address=origin.ip_address,
        at__gte=since,
    )
    if already.exists():
        return
    person = Person.objects.filter(email__iexact=typed).first() if typed else None
    audit.record(
        action=audit.LOCKED_OUT,
        target=person,
        target_label=person.full_name if person else typed,
        details={"username": typed, "failures": settings.AXES_FAILURE_LIMIT},
        request=request,
    )
