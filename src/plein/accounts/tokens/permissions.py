"""Who sees and revokes which access token: a rule and a queryset filter that agree."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import AccessToken


def can_manage_application_tokens(user: Any) -> bool:
    """Administrators: make application tokens, and see and revoke every token."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("accounts.manage_access_tokens")
    )


def can_have_personal_tokens(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view_token(user: Any, token: AccessToken) -> bool:
    if can_manage_application_tokens(user):
        return True
    return bool(
        can_have_personal_tokens(user)
        and token.kind == AccessToken.Kind.PERSONAL
        and token.person_id == user.pk
    )


# Whoever may see a token may also revoke it.
can_revoke_token = can_view_token


def visible_tokens(user: Any) -> QuerySet[AccessToken]:
    tokens = AccessToken.objects.all()
    if can_manage_application_tokens(user):
        return tokens
    if not can_have_personal_tokens(user):
        return tokens.none()
    return tokens.filter(kind=AccessToken.Kind.PERSONAL, person_id=user.pk)
