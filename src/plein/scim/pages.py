"""The Management page about provisioning (the SCIM endpoints themselves are in views.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from plein.core.permissions import require
from plein.people.http import AuthenticatedHttpRequest

from .permissions import can_view_provisioning
from .selectors import provisioning_overview


@login_required
@require_safe
def manage_provisioning(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_view_provisioning(request.user))
    tenant_url = request.build_absolute_uri(reverse("scim:users")).removesuffix("Users")
    return render(
        request,
        "scim/manage.html",
        {
            "overview": provisioning_overview(request.user),
            "tenant_url": tenant_url,
            "groups_are_spaces": settings.PLEIN_SCIM_GROUPS == "spaces",
        },
    )
