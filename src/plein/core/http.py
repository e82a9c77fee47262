from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A page with a form: status 400 when the form (context["form"]) has errors, else 200."""
    return render(request, template, context, status=400 if context["form"].errors else 200)
