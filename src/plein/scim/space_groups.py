"""Spaces as SCIM Groups (PLEIN_SCIM_GROUPS = "spaces"): a group is a space, its members the
space's members (whom the client has not removed). Rendering and reading; services writes."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from plein.people.models import Person
from plein.spaces.models import Membership, Space

from .groups import SPACE_PREFIX, group_document
from .models import ProvisionedSpace
from .users import NOT_REMOVED

SPACE_NOT_REMOVED = Q(scim__isnull=True) | Q(scim__removed_at__isnull=True)


def space_groups() -> QuerySet[Space]:
    return Space.objects.filter(SPACE_NOT_REMOVED).select_related("scim").order_by("pk")


def space_members(space: Space) -> QuerySet[Person]:
    return Person.objects.filter(
        NOT_REMOVED,
        space_memberships__space=space,
        space_memberships__state=Membership.State.MEMBER,
    ).order_by("pk")


def space_record(space: Space) -> ProvisionedSpace | None:
    try:
        return space.scim  # type: ignore[attr-defined,no-any-return]
    except ProvisionedSpace.DoesNotExist:
        return None


def space_group_resource(space: Space, location: str, members: bool = True) -> dict[str, Any]:
    record = space_record(space)
    return group_document(
        f"{SPACE_PREFIX}{space.pk}",
        space.name,
        record.external_id if record is not None else "",
        space_members(space) if members else None,
        location,
    )
