"""The accounts app's models live in its sub-packages; Django finds them here."""

from .privacy.models import DataExport
from .sso.models import ExternalIdentity
from .tokens.models import AccessToken, Scope

__all__ = ["AccessToken", "DataExport", "ExternalIdentity", "Scope"]
