"""Downloads of data (the CSV exports) in the audit log.

An export is a GET, and a GET writes nothing while it runs: the entry is written once the
response has been sent (plein.core.after_response), with the request's address.
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from ..after_response import after_response
from . import actions
from .services import record


def audit_export(
    request: HttpRequest, filename: str, *, target: models.Model | None = None
) -> None:
    """Log that the person of `request` downloaded `filename` (about `target`, if given)."""
    after_response(
        record,
        action=actions.EXPORTED,
        actor=request.user,
        target=target,
        target_label=filename if target is None else f"{target} ({filename})",
        details={"file": filename, "path": request.path},
        request=request,
    )
