"""The readiness check (community manager and project team) and its thresholds (community
manager). Checks come from the registry (plein.core.registries.readiness); the form is
generated from it."""

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

from plein.core.forms import add_service_error
from plein.core.http import form_page
from plein.core.permissions import require
from plein.core.registries import readiness as registry
from plein.people.http import AuthenticatedHttpRequest

from .. import permissions
from ..selectors import launch_plan
from . import services
from .selectors import report, threshold_values

GO_LIVE_SCORE = "go_live_minimum_score"  # not a check's threshold: the score the go-live asks


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
        self.fields[GO_LIVE_SCORE] = forms.IntegerField(
            label=_("Readiness score to go live without a warning"),
            min_value=0,
            max_value=100,
            required=False,
            help_text=_(
                "Going live below this score first shows what is missing and asks for a second "
                "confirmation. 0 never asks. Suggested: 80."
            ),
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
            "readiness_report": report(),
            "can_manage": permissions.can_manage_launch(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def thresholds(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_manage_launch(request.user))
    if request.method != "POST":
        initial: dict[str, Any] = dict(threshold_values())
        initial[GO_LIVE_SCORE] = launch_plan().go_live_minimum_score
        form = ThresholdsForm(initial=initial)
    else:
        form = ThresholdsForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            minimum_score = values.pop(GO_LIVE_SCORE)
            try:
                services.readiness_thresholds_update(
                    by=request.user, values=values, go_live_minimum_score=minimum_score
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The thresholds have been saved."))
                return redirect("launch:readiness")
    return form_page(request, "launch/thresholds.html", {"form": form})
