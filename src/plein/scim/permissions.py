"""Who sees how provisioning goes: the administrators who make its tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from plein.accounts.tokens.permissions import can_manage_application_tokens

from .models import ProvisionedPerson


def can_view_provisioning(user: Any) -> bool:
    return can_manage_application_tokens(user)


def visible_provisioned(user: Any) -> QuerySet[ProvisionedPerson]:
    records = ProvisionedPerson.objects.all()
    return records if can_view_provisioning(user) else records.none()
