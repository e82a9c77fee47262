"""People as SCIM Users: rendering a person as a User resource, and reading a User resource
into what Plein stores (UserData). Nothing here writes; plein.scim.services does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from plein.people.imports.departments import DEPARTMENT_SEPARATOR
from plein.people.models import Department, Person

from .http import ScimError
from .models import ProvisionedPerson

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
USER_SCHEMAS = (USER_SCHEMA, ENTERPRISE_SCHEMA)

KEEP = object()  # an attribute the client did not send: left as it is


NOT_REMOVED = Q(scim__isnull=True) | Q(scim__removed_at__isnull=True)


def provisioned_people() -> QuerySet[Person]:
    """Everyone a SCIM client may see: all people except those it removed."""
    return Person.objects.filter(NOT_REMOVED).select_related("scim").order_by("pk")


def record_of(person: Person) -> ProvisionedPerson | None:
    try:
        return person.scim  # type: ignore[attr-defined,no-any-return]
    except ProvisionedPerson.DoesNotExist:
        return None


class DepartmentNames:
    """How a department is written to a client: its name when no other department has that
    name, else its path from the top ("Parent > Child"). One query for the whole tree."""

    def __init__(self) -> None:
        self.rows = {
            pk: (name, parent)
            for pk, name, parent in Department.objects.values_list("pk", "name", "parent_id")
        }
        names = [name.lower() for name, _parent in self.rows.values()]
        self.repeated = {name for name in names if names.count(name) > 1}

    def text(self, pk: int | None) -> str | None:
        if pk is None or pk not in self.rows:
            return None
        name, parent = self.rows[pk]
        if name.lower() not in self.repeated:
            return name
        parts = [name]
        seen = {pk}
        while parent is not None and parent not in seen:
            seen.add(parent)
            name, parent = self.rows[parent]
            parts.append(name)
        return f" {DEPARTMENT_SEPARATOR} ".join(reversed(parts))


def _family_name(person: Person) -> str:
    return " ".join(part for part in (person.name_prefix, person.last_name) if part)


def user_resource(person: Person, location: str, departments: DepartmentNames) -> dict[str, Any]:
    record = record_of(person)
    enterprise: dict[str, Any] = {}
    if person.employee_number:
        enterprise["employeeNumber"] = person.employee_number
    department = departments.text(person.department_id)
    if department:
        enterprise["department"] = department
    if person.manager_id is not None:
        enterprise["manager"] = {
            "value": str(person.manager_id),
            "$ref": f"{location}/Users/{person.manager_id}",
        }
    resource: dict[str, Any] = {
        "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA] if enterprise else [USER_SCHEMA],
        "id": str(person.pk),
        "userName": record.user_name if record else person.email,
        "name": {
            "givenName": person.first_name,
            "familyName": _family_name(person),
        },
        "displayName": person.full_name,
        "emails": [{"value": person.email, "type": "work"}],
        "active": person.is_active,
        "meta": {
            "resourceType": "User",
            "created": person.date_joined.isoformat(),
            "location": f"{location}/Users/{person.pk}",
        },
    }
    if record and record.external_id:
        resource["externalId"] = record.external_id
    if person.job_title:
        resource["title"] = person.job_title
    if person.phone:
        resource["phoneNumbers"] = [{"value": person.phone, "type": "work"}]
    if enterprise:
        resource[ENTERPRISE_SCHEMA] = enterprise
    return resource


@dataclass
class UserData:
    """A User resource as Plein reads it; KEEP where the client sent nothing."""

    user_name: str
    email: str
    first_name: str
    family_name: str
    external_id: object = KEEP  # str
    job_title: object = KEEP  # str
    phone: object = KEEP  # str
    active: object = KEEP  # bool
    employee_number: object = KEEP  # str | None
    department: object = KEEP  # str | None (a name or a path)
    manager_id: object = KEEP  # str | None (the manager's SCIM id)


def value_of(document: dict[str, Any], name: str) -> object:
    """The value of an attribute (names ignore case), or KEEP when it is not there."""
    lowered = name.lower()
    return next((value for key, value in document.items() if key.lower() == lowered), KEEP)


def _text(value: object, attribute: str) -> str:
    if value is None or value is KEEP:
        return ""
    if isinstance(value, (dict, list, bool)):
        raise ScimError(400, f"{attribute} must be a string.", "invalidValue")
    return str(value).strip()


def _optional(value: object, attribute: str) -> object:
    return KEEP if value is KEEP else _text(value, attribute)


def _boolean(value: object) -> object:
    if value is KEEP or value is None:
        return KEEP if value is KEEP else True
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"  # Entra ID sends "False" in PATCH
    raise ScimError(400, "active must be true or false.", "invalidValue")


def _pick(values: object, attribute: str) -> object:
    """The value of a multi-valued attribute Plein keeps one of: the work one, the primary one
    or the first. An empty list or null clears it."""
    if values is KEEP:
        return KEEP
    if values is None:
        return ""
    if not isinstance(values, list) or not all(isinstance(item, dict) for item in values):
        raise ScimError(400, f"{attribute} must be a list of objects.", "invalidValue")
    items = [item for item in values if value_of(item, "value") not in (KEEP, None, "")]
    for wanted in (
        lambda item: str(value_of(item, "type")).lower() == "work",
        lambda item: value_of(item, "primary") is True,
        lambda item: True,
    ):
        chosen = next((item for item in items if wanted(item)), None)
        if chosen is not None:
            return _text(value_of(chosen, "value"), attribute)
    return ""


def _manager(value: object) -> object:
    if value is KEEP or value is None or value == "":
        return KEEP if value is KEEP else None
    if isinstance(value, dict):
        value = value_of(value, "value")
        if value is KEEP or value in (None, ""):
            return None
    return _text(value, "manager")


def user_data(document: dict[str, Any]) -> UserData:
    """Read a User resource (POST, PUT, or the document a PATCH produced)."""
    user_name = _text(value_of(document, "userName"), "userName")
    if not user_name:
        raise ScimError(400, "userName is required.", "invalidValue")
    name = value_of(document, "name")
    name = name if isinstance(name, dict) else {}
    email = _pick(value_of(document, "emails"), "emails")
    enterprise = value_of(document, ENTERPRISE_SCHEMA)
    enterprise = enterprise if isinstance(enterprise, dict) else {}
    employee_number = value_of(enterprise, "employeeNumber")
    department = value_of(enterprise, "department")
    return UserData(
        user_name=user_name,
        # Without a (work) e-mail address the userName is the address, as with Entra's UPN.
        email=email if isinstance(email, str) and email else user_name,
        first_name=_text(value_of(name, "givenName"), "name.givenName"),
        family_name=_text(value_of(name, "familyName"), "name.familyName"),
        external_id=_optional(value_of(document, "externalId"), "externalId"),
        job_title=_optional(value_of(document, "title"), "title"),
        phone=_pick(value_of(document, "phoneNumbers"), "phoneNumbers"),
        active=_boolean(value_of(document, "active")),
        employee_number=KEEP
        if employee_number is KEEP
        else _text(employee_number, "employeeNumber") or None,
        department=KEEP if department is KEEP else _text(department, "department") or None,
        manager_id=_manager(value_of(enterprise, "manager")),
    )
