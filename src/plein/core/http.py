from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plein.people.models import Person


class AuthenticatedHttpRequest(HttpRequest):
    """The request a @login_required view receives: its user is a Person, never anonymous."""

    user: Person  # type: ignore[assignment]


def form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A page with a form: status 400 when the form (context["form"]) has errors, else 200."""
    return render(request, template, context, status=400 if context["form"].errors else 200)
