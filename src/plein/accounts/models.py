"""The accounts app's models live in its sub-packages; Django finds them here."""

from .sso.models import ExternalIdentity
from .tokens.models import AccessToken, Scope

__all__ = ["AccessToken", "ExternalIdentity", "Scope"]
