"""The accounts app's models live in its sub-packages; Django finds them here."""

from .tokens.models import AccessToken, Scope

__all__ = ["AccessToken", "Scope"]
