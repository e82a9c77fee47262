from django.http import HttpRequest

from .models import Person


class AuthenticatedHttpRequest(HttpRequest):
    """The request a @login_required view receives: its user is a Person, never anonymous."""

    user: Person  # type: ignore[assignment]
