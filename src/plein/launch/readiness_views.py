"""The readiness check (community manager and project team) and its thresholds (community
manager). Checks come from the registry in readiness.py; the form is generated from it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from plein.core.http import AuthenticatedHttpRequest, form_page
from plein.core.permissions import require

from . import permissions, readiness_services
from . import readiness as registry


class ThresholdsForm(forms.Form):
    """One whole-number field per registered threshold, grouped by check for the page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checks = [check for check in registry.all_checks() if check.thresholds]
        for threshold in registry.all_thresholds():
            help_text = _("Suggested: %(default)s.") % {"default": threshold.default}
            self.fields[threshold.key] = forms.IntegerField(
                label=str(threshold.label),
                min_value=threshold.minimum,
                max_value=threshold.maximum,
                help_text=f"{threshold.help} {help_text}" if threshold.help else help_text,
            )

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """(check, its fields) for each check with thresholds, in checklist order."""
        return [(check, [self[t.key] for t in check.thresholds]) for check in self.checks]


@require_safe
@login_required
def readiness(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_view_launch(request.user))
    return render(
        request,
        "launch/readiness.html",
        {
            "readiness_report": registry.report(),
            "can_manage": permissions.can_manage_launch(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def thresholds(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_manage_launch(request.user))
    if request.method != "POST":
        form = ThresholdsForm(initial=registry.threshold_values())
    else:
        form = ThresholdsForm(request.POST)
        if form.is_valid():
            try:
                readiness_services.readiness_thresholds_update(
                    by=request.user, values=form.cleaned_data
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The thresholds have been saved."))
                return redirect("launch:readiness")
    return form_page(request, "launch/thresholds.html", {"form": form})
