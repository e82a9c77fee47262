"""The accounts app's models; each lives in its own module."""

from .sso.models import ExternalIdentity

__all__ = ["ExternalIdentity"]
