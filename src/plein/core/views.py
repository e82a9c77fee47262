import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import services
from .files import stored_image_response
from .forms import BrandingForm, add_service_error
from .permissions import can_change_branding, can_use_management
from .selectors import branding_get


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: is this process up and can it reach the database?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:
        database = "error"
    healthy = database == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": {"database": database}},
        status=200 if healthy else 503,
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: the view that settings.PLEIN_HOME_VIEW names (the startpage app's)."""
    return _home_view()(request)


@functools.cache
def _home_view() -> Callable[[HttpRequest], HttpResponse]:
    view: Callable[[HttpRequest], HttpResponse] = import_string(settings.PLEIN_HOME_VIEW)
    return view


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    if not can_use_management(request.user):
        raise PermissionDenied
    return render(request, "core/manage.html")


@login_required
def branding_edit(request: HttpRequest) -> HttpResponse:
    """The branding form. "Preview" (or htmx, while typing) shows the persona's welcome as the
    start page will show it, in Dutch and English, without saving anything."""
    if not can_change_branding(request.user):
        raise PermissionDenied
    branding = branding_get()
    preview = None
    if request.method == "POST":
        form = BrandingForm(request.POST, request.FILES, instance=branding)
        if form.is_valid() and "preview" in request.POST:
            preview = form.instance  # the typed values, not saved
        elif form.is_valid() and _branding_save(form, request.user):
            messages.success(request, _("The branding has been saved."))
            return redirect("manage:branding")
    else:
        form = BrandingForm(instance=branding)
    context = {"form": form, "preview": preview or branding_get()}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "core/partials/branding_preview.html", context)
    return render(request, "core/branding_form.html", context)


def _branding_save(form: BrandingForm, actor: object) -> bool:
    data = form.cleaned_data
    try:
        services.branding_update(
            intranet_name=data["intranet_name"],
            organisation_name=data["organisation_name"],
            slogan=data["slogan"],
            primary_colour=data["primary_colour"],
            accent_colour=data["accent_colour"],
            persona_name=data["persona_name"],
            persona_welcome=data["persona_welcome"],
            persona_welcome_en=data["persona_welcome_en"],
            logo=data.get("new_logo"),
            remove_logo=data.get("remove_logo", False),
            persona_avatar=data.get("new_persona_avatar"),
            remove_persona_avatar=data.get("remove_persona_avatar", False),
            actor=actor,
        )
    except ValidationError as error:
        add_service_error(form, error)
        return False
    return True


def _branding_file(field_name: str) -> FileResponse:
    # Public on purpose: the login and "coming soon" pages show the logo and persona.
    content_type = "image/png" if field_name == "logo" else "image/jpeg"
    return stored_image_response(
        getattr(branding_get(), field_name), content_type=content_type, public=True
    )


@require_GET
def branding_logo(request: HttpRequest) -> FileResponse:
    return _branding_file("logo")


@require_GET
def branding_persona_avatar(request: HttpRequest) -> FileResponse:
    return _branding_file("persona_avatar")
