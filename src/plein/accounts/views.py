from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.core.forms import add_service_error
from plein.core.redirects import redirect_next
from plein.people.http import AuthenticatedHttpRequest
from plein.people.imports import PeopleImportError, people_import_csv
from plein.people.models import Person
from plein.people.permissions import can_import_people, can_manage_roles
from plein.people.roles import ROLES, ROLES_BY_KEY, role_label

from . import services
from .forms import ImportPeopleForm, LanguageForm, LoginForm, PeopleFilterForm, RolesForm
from .selectors import people_with_roles
from .sso import policy
from .twofactor import services as twofactor_services

PEOPLE_PER_PAGE = 50
MAX_ERRORS_SHOWN = 500


class LoginView(auth_views.LoginView):
    """The login page: the buttons of the identity providers that are set up, and the password
    form unless people log in only through the provider (then `local`, the break-glass page,
    still has it, for administrators)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    local = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["local"] = self.local
        context["sso_only"] = policy.sso_only()
        context["sso_buttons"] = [] if self.local else policy.login_buttons(self.get_redirect_url())
        return context

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        if form.has_error("__all__", code="not_open_yet"):
            return redirect("launch:coming_soon")
        return super().form_invalid(form)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language: remembered on the person's account (all devices) and in a cookie."""
    form = LanguageForm(request.POST)
    response = redirect_next(request, reverse("core:home"))
    if not form.is_valid():
        messages.error(request, _("That language is not available."))
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.person_set_language(person=request.user, language=language)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=False,
        samesite="Lax",
    )
    return response


@login_required
def account_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LanguageForm(initial={"language": request.user.language or translation.get_language()})
    return render(request, "accounts/settings.html", {"language_form": form})


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return "?" + query.urlencode()


@login_required
def manage_people(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_manage_roles(request.user):
        raise PermissionDenied
    form = PeopleFilterForm(request.GET)
    people = form.filter(people_with_roles())
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    for person in page.object_list:
        person.role_labels = [role_label(group.name) for group in person.roles]  # type: ignore[attr-defined]
    return render(
        request,
        "accounts/manage_people.html",
        {
            "form": form,
            "page": page,
            "previous_url": page_url(request, page.number - 1) if page.has_previous() else None,
            "next_url": page_url(request, page.number + 1) if page.has_next() else None,
        },
    )


@login_required
def manage_person(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not can_manage_roles(request.user):
        raise PermissionDenied
    person = get_object_or_404(Person.objects.select_related("department", "location"), pk=pk)
    current_roles = sorted(
        person.groups.filter(name__in=ROLES_BY_KEY).values_list("name", flat=True)
    )
    form = RolesForm(initial={"roles": current_roles})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "roles":
                form = RolesForm(request.POST)
                if form.is_valid():
                    services.person_set_roles(
                        person=person, roles=form.cleaned_data["roles"], actor=request.user
                    )
                    messages.success(
                        request,
                        _("The roles of %(name)s have been saved.") % {"name": person.full_name},
                    )
                    return redirect("manage:person", pk=person.pk)
            elif action == "deactivate":
                services.person_deactivate(person=person, actor=request.user)
                messages.success(
                    request,
                    _("%(name)s has been deactivated and can no longer log in.")
                    % {"name": person.full_name},
                )
                return redirect("manage:person", pk=person.pk)
            elif action == "reactivate":
                services.person_reactivate(person=person, actor=request.user)
                messages.success(
                    request,
                    _("%(name)s has been reactivated and can log in again.")
                    % {"name": person.full_name},
                )
                return redirect("manage:person", pk=person.pk)
            else:
                return HttpResponseBadRequest()
        except ValidationError as error:
            if action == "roles":
                add_service_error(form, error)
            else:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("manage:person", pk=person.pk)
    return render(
        request,
        "accounts/manage_person.html",
        {
            "person": person,
            "form": form,
            "roles": ROLES,
            "is_self": person.pk == request.user.pk,
            "twofactor_enabled": twofactor_services.is_enabled(person),
        },
        status=400 if form.errors else 200,
    )


@login_required
def import_people(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_import_people(request.user):
        raise PermissionDenied
    result = None
    errors: list[tuple[int, str]] = []
    if request.method == "POST":
        form = ImportPeopleForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = people_import_csv(
                    file=form.cleaned_data["file"],
                    actor=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                    send_welcome=form.cleaned_data["send_welcome"],
                    site_url=request.build_absolute_uri("/"),
                )
            except PeopleImportError as error:
                errors = error.errors
    else:
        form = ImportPeopleForm()
    return render(
        request,
        "accounts/import_people.html",
        {
            "form": form,
            "result": result,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "errors_not_shown": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "error_count": len(errors),
        },
        status=400 if errors or form.errors else 200,
    )
