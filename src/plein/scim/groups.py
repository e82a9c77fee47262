"""Departments as SCIM Groups: a group is a department, its members the people in it (whom the
client has not removed). Rendering and reading; plein.scim.services writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from plein.people.models import Department, Person

from .http import ScimError
from .users import KEEP, NOT_REMOVED, value_of

GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
GROUP_SCHEMAS = (GROUP_SCHEMA,)
# A group's id starts with a letter, so that no group has the id of a user: "d12" is department
# 12, "s12" (PLEIN_SCIM_GROUPS = "spaces") space 12.
DEPARTMENT_PREFIX = "d"
SPACE_PREFIX = "s"


def groups() -> QuerySet[Department]:
    return Department.objects.order_by("pk")


def members_of(department: Department) -> QuerySet[Person]:
    return Person.objects.filter(NOT_REMOVED, department=department).order_by("pk")


def group_document(
    group_id: str, name: str, external_id: str, members: QuerySet[Person] | None, location: str
) -> dict[str, Any]:
    """A Group resource: its members (their ids) unless `members` is None (left out)."""
    resource: dict[str, Any] = {
        "schemas": [GROUP_SCHEMA],
        "id": group_id,
        "displayName": name,
        "meta": {"resourceType": "Group", "location": f"{location}/Groups/{group_id}"},
    }
    if external_id:
        resource["externalId"] = external_id
    if members is not None:
        resource["members"] = [
            {"value": str(pk), "$ref": f"{location}/Users/{pk}", "type": "User"}
            for pk in members.values_list("pk", flat=True)
        ]
    return resource


def group_resource(department: Department, location: str, members: bool = True) -> dict[str, Any]:
    return group_document(
        f"{DEPARTMENT_PREFIX}{department.pk}",
        department.name,
        department.code or "",
        members_of(department) if members else None,
        location,
    )


@dataclass
class GroupData:
    display_name: str
    external_id: object = KEEP  # str
    members: object = KEEP  # list[str]: the members' SCIM ids


def group_data(document: dict[str, Any]) -> GroupData:
    name = value_of(document, "displayName")
    if not isinstance(name, str) or not name.strip():
        raise ScimError(400, "displayName is required.", "invalidValue")
    external_id = value_of(document, "externalId")
    members = value_of(document, "members")
    if members is not KEEP:
        members = members or []
        if not isinstance(members, list) or not all(
            isinstance(item, dict) and item.get("value") for item in members
        ):
            raise ScimError(400, "members must be a list of objects with a value.", "invalidValue")
        members = [str(item["value"]) for item in members]
    return GroupData(
        display_name=name.strip(),
        external_id=KEEP if external_id is KEEP else str(external_id or "").strip(),
        members=members,
    )
