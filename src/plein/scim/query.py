"""Reading lists the way SCIM clients ask: `filter` (RFC 7644 section 3.4.2.2, parsed by
scim2-filter-parser into a Django Q), `startIndex`/`count` pagination, and `attributes` /
`excludedAttributes` to trim what is returned."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Q
from scim2_filter_parser.lexer import SCIMLexer
from scim2_filter_parser.parser import SCIMParser, SCIMParserError
from scim2_filter_parser.transpilers.django_q_object import Transpiler

from .groups import DEPARTMENT_PREFIX, SPACE_PREFIX
from .http import ScimError
from .patch import PATH
from .schemas import MAX_RESULTS
from .users import ENTERPRISE_SCHEMA

Lookup = str | Callable[[str, Any], Q]


def _user_name(op: str, value: Any) -> Q:
    # Someone the client never provisioned goes by their e-mail address, so that a client
    # looking for a userName finds (and takes over) the people already in Plein.
    return Q(**{f"scim__user_name__{op}": value}) | Q(scim__isnull=True, **{f"email__{op}": value})


def _by_id(field: str, prefix: str = "") -> Callable[[str, Any], Q]:
    def lookup(op: str, value: Any) -> Q:
        if op != "iexact":
            raise ScimError(400, "id can only be compared with eq.", "invalidFilter")
        number = str(value).removeprefix(prefix)
        return Q(**{field: int(number)}) if number.isdigit() else Q(pk__in=[])

    return lookup


ENTERPRISE = ENTERPRISE_SCHEMA.lower()
USER_FILTERS: dict[tuple[str, str | None, str | None], Lookup] = {
    ("id", None, None): _by_id("pk"),
    ("username", None, None): _user_name,
    ("externalid", None, None): "scim__external_id",
    ("emails", None, None): "email",
    ("emails", "value", None): "email",
    ("name", "givenname", None): "first_name",
    ("name", "familyname", None): "last_name",
    ("title", None, None): "job_title",
    ("active", None, None): "is_active",
    ("employeenumber", None, ENTERPRISE): "employee_number",
    ("department", None, ENTERPRISE): "department__name",
    ("manager", "value", ENTERPRISE): _by_id("manager_id"),
}
GROUP_FILTERS: dict[tuple[str, str | None, str | None], Lookup] = {
    ("id", None, None): _by_id("pk", DEPARTMENT_PREFIX),
    ("displayname", None, None): "name",
    ("externalid", None, None): "code",
    ("members", "value", None): _by_id("members__pk"),
    ("members", None, None): _by_id("members__pk"),
}


def _space_member(op: str, value: Any) -> Q:
    if op != "iexact":
        raise ScimError(400, "members can only be compared with eq.", "invalidFilter")
    if not str(value).isdigit():
        return Q(pk__in=[])
    return Q(memberships__person_id=int(value), memberships__state="member")


SPACE_FILTERS: dict[tuple[str, str | None, str | None], Lookup] = {
    **GROUP_FILTERS,
    ("id", None, None): _by_id("pk", SPACE_PREFIX),
    ("externalid", None, None): "scim__external_id",
    ("members", "value", None): _space_member,
    ("members", None, None): _space_member,
}


class _Transpiler(Transpiler):  # type: ignore[misc]
    """Unknown attributes are an error (not silently left out); lookups may be functions."""

    def __init__(self, lookups: dict[tuple[str, str | None, str | None], Lookup]) -> None:
        super().__init__({})
        self.lookups = lookups

    def visit_AttrPath(self, node: Any) -> Lookup:
        key = (
            node.attr_name.lower(),
            node.sub_attr.value.lower() if node.sub_attr else None,
            node.uri.lower().rstrip(":") if node.uri else None,
        )
        lookup = self.lookups.get(key)
        if lookup is None:
            raise ScimError(400, "Filtering on this attribute is not supported.", "invalidFilter")
        return lookup

    def visit_AttrExpr(self, node: Any) -> Q:
        if not hasattr(node.attr_path, "attr_name") or not isinstance(
            node.attr_path.attr_name, str
        ):
            return super().visit_AttrExpr(node)  # type: ignore[no-any-return]
        lookup = self.visit(node.attr_path)
        op, value = self.visit_AttrExprValue(node)
        query = lookup(op, value) if callable(lookup) else Q(**{f"{lookup}__{op}": value})
        return ~query if node.value.lower() == "ne" else query


def filter_q(text: str, lookups: dict[tuple[str, str | None, str | None], Lookup]) -> Q:
    try:
        tree = SCIMParser().parse(SCIMLexer().tokenize(text))
        query = _Transpiler(lookups).transpile(tree)
    except (SCIMParserError, ValueError, AttributeError, TypeError) as error:
        raise ScimError(400, f"Invalid filter: {error}", "invalidFilter") from None
    if query is None:
        raise ScimError(400, "Invalid filter.", "invalidFilter")
    return query  # type: ignore[no-any-return]


def page(params: Mapping[str, Any]) -> tuple[int, int]:
    """(startIndex, count): a start below 1 counts as 1; count from 0 to MAX_RESULTS."""
    try:
        start = int(params.get("startIndex") or 1)
        count = params.get("count")
        count = MAX_RESULTS if count is None else int(count)
    except (TypeError, ValueError):
        raise ScimError(400, "startIndex and count must be numbers.", "invalidValue") from None
    return max(start, 1), min(max(count, 0), MAX_RESULTS)


def _paths(value: str | None) -> list[tuple[str | None, str, str | None]]:
    result = []
    for text in (value or "").split(","):
        match = PATH.match(text.strip())
        if match is not None:
            result.append((match["urn"], match["attr"].lower(), match["sub"]))
    return result


def _container(
    resource: dict[str, Any], urn: str | None, schemas: tuple[str, ...]
) -> dict[str, Any] | None:
    if urn is None or urn.lower() == schemas[0].lower():
        return resource
    extension = next((key for key in resource if key.lower() == urn.lower()), None)
    return resource[extension] if extension else None


def trim(
    resource: dict[str, Any], attributes: str | None, excluded: str | None, schemas: tuple[str, ...]
) -> dict[str, Any]:
    """The resource with only the `attributes` asked for, or without the `excluded` ones
    (id and schemas are always returned)."""
    if attributes:
        kept: dict[str, Any] = {"schemas": resource["schemas"], "id": resource["id"]}
        for urn, attr, sub in _paths(attributes):
            if urn is not None and urn.lower() in {s.lower() for s in schemas[1:]} and attr:
                source = _container(resource, urn, schemas) or {}
                key = next((k for k in source if k.lower() == attr), None)
                if key is not None:
                    kept.setdefault(urn, {})[key] = source[key]
                continue
            if (urn or "").lower() in {s.lower() for s in schemas[1:]}:
                continue
            key = next((k for k in resource if k.lower() == attr), None)
            if key is None:
                continue
            value = resource[key]
            if sub and isinstance(value, dict):
                value = {k: v for k, v in value.items() if k.lower() == sub.lower()}
            kept[key] = value
        return kept
    result = dict(resource)
    for urn, attr, sub in _paths(excluded):
        container = _container(result, urn, schemas)
        if container is None:
            continue
        if container is not result:
            container = dict(container)
            result[next(k for k in result if k.lower() == (urn or "").lower())] = container
        for key in [k for k in container if k.lower() == attr and k not in {"id", "schemas"}]:
            if sub and isinstance(container[key], dict):
                container[key] = {
                    k: v for k, v in container[key].items() if k.lower() != sub.lower()
                }
            elif not sub:
                del container[key]
    return result
