"""Downloads of the launch materials (poster, first-steps card, quick guide) as PDF files.

For the community manager and the project team. Each download is made afresh from the branding,
the launch date and this site's login address, in the language of whoever downloads it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from plein.core.models import Branding
from plein.core.permissions import require
from plein.core.selectors import branding_get
from plein.people.http import AuthenticatedHttpRequest

from ..permissions import can_view_launch
from ..selectors import launch_plan
from .card import card_pdf
from .guide import guide_pdf
from .poster import poster_pdf
from .style import PosterSize


def _launch_date() -> dt.date | None:
    value = launch_plan().launch_date
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _filename(branding: Branding, what: str) -> str:
    """ "Plein - poster A3.pdf": the intranet's name first, so the file is easy to find."""
    name = re.sub(r"[^\w\- ]+", "", branding.intranet_name).strip() or "Plein"
    return f"{name} - {what}.pdf"


def _pdf(
    request: AuthenticatedHttpRequest,
    make: Callable[..., bytes],
    what: str,
    **options: object,
) -> HttpResponse:
    require(can_view_launch(request.user))
    branding = branding_get()
    content = make(
        login_url=request.build_absolute_uri(reverse("accounts:login")),
        branding=branding,
        launch_date=_launch_date(),
        **options,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_filename(branding, what)
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def poster(request: AuthenticatedHttpRequest) -> HttpResponse:
    size: PosterSize = "a3" if request.GET.get("size", "").lower() == "a3" else "a4"
    return _pdf(request, poster_pdf, _("poster %(size)s") % {"size": size.upper()}, size=size)


@require_safe
@login_required
def card(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _pdf(request, card_pdf, _("first-steps card"))


@require_safe
@login_required
def guide(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _pdf(request, guide_pdf, _("quick guide"))
