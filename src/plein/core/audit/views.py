"""Management → Audit log: the entries, newest first, filtered and paged; and as CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..after_response import after_response
from ..csv import cell
from ..permissions import require
from . import actions
from .forms import AuditFilterForm
from .models import AuditEntry
from .permissions import can_view_audit_log, visible_audit_entries
from .services import keep_days, record

PER_PAGE = 50
EXPORT_CHUNK = 2000


def _entries(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    form = AuditFilterForm(request.GET or None)
    return form, form.filter(visible_audit_entries(request.user))


@login_required
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    require(can_view_audit_log(request.user))
    form, entries = _entries(request)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    query = form.query_string()
    context = {
        "form": form,
        "page": page,
        "query": query,
        "page_prefix": f"?{query}&page=" if query else "?page=",
        "keep_days": keep_days(),
    }
    return render(request, "core/audit/log.html", context, status=400 if form.errors else 200)


def _header() -> list[str]:
    return [
        _("When"),
        _("Action"),
        _("Code"),
        _("Who"),
        _("E-mail address"),
        _("About"),
        _("Type"),
        _("Id"),
        _("Details"),
        _("From address"),
        _("Browser"),
    ]


def _row(entry: AuditEntry) -> list[object]:
    return [
        timezone.localtime(entry.at).isoformat(timespec="seconds"),
        entry.action_label,
        entry.action,
        entry.actor_name,
        entry.actor_email,
        entry.target_label,
        entry.target_type,
        entry.target_id,
        json.dumps(entry.details, ensure_ascii=False) if entry.details else "",
        entry.ip_address or "",
        entry.user_agent,
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _lines(entries: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([cell(value) for value in _header()])
    for entry in entries.iterator(chunk_size=EXPORT_CHUNK):
        yield writer.writerow([cell(value) for value in _row(entry)])


@login_required
@require_safe
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered entries as CSV, streamed; the export is itself written to the log (after
    the response, as a GET writes nothing while it runs)."""
    require(can_view_audit_log(request.user))
    _form, entries = _entries(request)
    filters = {key: value for key, value in request.GET.items() if key != "page" and value}
    after_response(
        record,
        action=actions.AUDIT_EXPORTED,
        actor=request.user,
        details={"filters": filters},
        request=request,
    )
    response = StreamingHttpResponse(_lines(entries), content_type="text/csv; charset=utf-8")
    filename = f"audit-log-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
