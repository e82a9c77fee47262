from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import LanguageForm, LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def _safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language: remembered on the person's account (all devices) and in a cookie."""
    form = LanguageForm(request.POST)
    response = HttpResponseRedirect(_safe_next(request, reverse("core:home")))
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
def account_settings(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(initial={"language": request.user.language})
    return render(request, "accounts/settings.html", {"language_form": form})


@login_required
def manage_people(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError  # replaced by the roles screen


@login_required
def manage_person(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError  # replaced by the roles screen


@login_required
def import_people(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError  # replaced by the import screen
