"""The "Your data" page in a person's settings: ask for a download of everything Plein holds of
you, follow its progress (htmx polls the status; a plain reload shows the same), download it.
Only the owner ever gets a download; there is no public address for the file."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.registries.personal_data import SECTIONS
from plein.people.http import AuthenticatedHttpRequest

from . import services
from .models import DataExport
from .permissions import own_exports

EARLIER_SHOWN = 10


@login_required
@require_safe
def data_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    exports = list(own_exports(request.user)[: EARLIER_SHOWN + 1])
    latest = exports[0] if exports else None
    context = {
        "latest": latest,
        "earlier": exports[1:],
        "sections": SECTIONS.all(),
        "export_days": settings.PLEIN_DATA_EXPORT_DAYS,
    }
    if getattr(request, "htmx", False):
        response = render(request, "accounts/privacy/partials/status.html", context)
    else:
        response = render(request, "accounts/privacy/data.html", context)
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def data_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        services.export_request(person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("We are preparing your download. You get an e-mail when it is ready."),
        )
    return redirect("accounts:data")


@login_required
@require_safe
def data_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """The ZIP, to its owner only (someone else's export is "not found")."""
    export = own_exports(request.user).filter(pk=pk, status=DataExport.Status.READY).first()
    if export is None or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"plein-{export.created_at:%Y-%m-%d}.zip"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)  # also "private"
    return response
