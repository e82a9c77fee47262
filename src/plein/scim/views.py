"""The SCIM 2.0 endpoints under /scim/v2/: Users, Groups and the discovery documents. Thin:
reading is in users/groups/query, writing in services; scim_endpoint checks the token."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from plein.accounts.tokens.models import AccessToken

from .groups import (
    DEPARTMENT_PREFIX,
    GROUP_SCHEMAS,
    SPACE_PREFIX,
    GroupData,
    group_data,
    group_resource,
    groups,
)
from .http import LIST_SCHEMA, SEARCH_SCHEMA, ScimError, json_response, read_json, scim_endpoint
from .patch import patch_document
from .query import GROUP_FILTERS, SPACE_FILTERS, USER_FILTERS, filter_q, page, trim
from .schemas import resource_types, schemas, service_provider_config
from .services import (
    scim_group_create,
    scim_group_remove,
    scim_group_replace,
    scim_space_create,
    scim_space_remove,
    scim_space_replace,
    scim_user_create,
    scim_user_remove,
    scim_user_replace,
)
from .space_groups import space_group_resource, space_groups
from .users import USER_SCHEMAS, DepartmentNames, provisioned_people, user_data, user_resource


def _base(request: HttpRequest) -> str:
    path = reverse("scim:service_provider_config")
    return request.build_absolute_uri(path).removesuffix("/ServiceProviderConfig")


def _method_not_allowed() -> ScimError:
    return ScimError(405, "This method is not supported here.")


def _search_params(request: HttpRequest) -> dict[str, Any]:
    """The query of a POST to .search (RFC 7644 section 3.4.3), as the parameters of a GET."""
    if request.method != "POST":
        raise _method_not_allowed()
    body = read_json(request)
    if SEARCH_SCHEMA not in (body.get("schemas") or []):
        raise ScimError(400, f"A search request has the schema {SEARCH_SCHEMA}.", "invalidSyntax")
    params = {key: body.get(key) for key in ("filter", "startIndex", "count")}
    for key in ("attributes", "excludedAttributes"):
        value = body.get(key)
        params[key] = ",".join(value) if isinstance(value, list) else value
    return params


def _list(
    params: Mapping[str, Any],
    queryset: QuerySet[Any],
    lookups: dict[Any, Any],
    render: Callable[[Any], dict[str, Any]],
    schema_ids: tuple[str, ...],
) -> HttpResponse:
    text = params.get("filter")
    if text:
        queryset = queryset.filter(filter_q(str(text), lookups)).distinct()
    start, count = page(params)
    total = queryset.count()
    items = list(queryset[start - 1 : start - 1 + count]) if count else []
    attributes, excluded = params.get("attributes"), params.get("excludedAttributes")
    return json_response(
        {
            "schemas": [LIST_SCHEMA],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(items),
            "Resources": [trim(render(item), attributes, excluded, schema_ids) for item in items],
        }
    )


def _searched(
    queryset: QuerySet[Any], lookups: dict[Any, Any], text: object
) -> QuerySet[Any] | None:
    """The queryset filtered; None when the filter names attributes this type does not have."""
    if not text:
        return queryset
    try:
        return queryset.filter(filter_q(str(text), lookups)).distinct()
    except ScimError:
        return None


@scim_endpoint
def search_all(request: HttpRequest) -> HttpResponse:
    """POST /.search: Users, then Groups, that match the filter."""
    if request.method != "POST":
        raise _method_not_allowed()
    params, base = _search_params(request), _base(request)
    names = DepartmentNames()
    groups_kind = group_kind()
    kinds = [
        (
            _searched(provisioned_people(), USER_FILTERS, params.get("filter")),
            lambda item: user_resource(item, base, names),
            USER_SCHEMAS,
        ),
        (
            _searched(groups_kind.queryset(), groups_kind.filters, params.get("filter")),
            lambda item: groups_kind.resource(item, base),
            GROUP_SCHEMAS,
        ),
    ]
    if all(queryset is None for queryset, _render, _schemas in kinds):
        raise ScimError(400, "Filtering on this attribute is not supported.", "invalidFilter")
    start, count = page(params)
    total, skip, resources = 0, start - 1, list[dict[str, Any]]()
    for queryset, render, schema_ids in kinds:
        if queryset is None:
            continue
        size = queryset.count()
        total += size
        wanted = count - len(resources)
        if wanted > 0 and skip < size:
            for item in queryset[skip : skip + wanted]:
                resources.append(
                    trim(
                        render(item),
                        params.get("attributes"),
                        params.get("excludedAttributes"),
                        schema_ids,
                    )
                )
        skip = max(skip - size, 0)
    return json_response(
        {
            "schemas": [LIST_SCHEMA],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(resources),
            "Resources": resources,
        }
    )


def _one(
    request: HttpRequest, resource: dict[str, Any], schema_ids: tuple[str, ...], status: int = 200
) -> HttpResponse:
    document = trim(
        resource, request.GET.get("attributes"), request.GET.get("excludedAttributes"), schema_ids
    )
    response = json_response(document, status=status)
    response["Location"] = resource["meta"]["location"]
    return response


def _get(queryset: QuerySet[Any], pk: str, prefix: str = "") -> Any:
    """The item with this SCIM id (a group's starts with `prefix`), or a 404."""
    number = pk.removeprefix(prefix) if pk.startswith(prefix) else ""
    found = queryset.filter(pk=int(number)).first() if number.isdigit() else None
    if found is None:
        raise ScimError(404, f"Resource {pk} not found.")
    return found


@scim_endpoint
def users(request: HttpRequest, search: bool = False) -> HttpResponse:
    base = _base(request)
    names: list[DepartmentNames] = []  # read once per request, after any change

    def render(person: Any) -> dict[str, Any]:
        if not names:
            names.append(DepartmentNames())
        return user_resource(person, base, names[0])

    if request.method == "GET" or search:
        params = _search_params(request) if search else request.GET
        return _list(params, provisioned_people(), USER_FILTERS, render, USER_SCHEMAS)
    if request.method == "POST":
        data = user_data(read_json(request))
        person = scim_user_create(data=data, token=request.scim_token)  # type: ignore[attr-defined]
        person = _get(provisioned_people(), str(person.pk))
        return _one(request, render(person), USER_SCHEMAS, status=201)
    raise _method_not_allowed()


@scim_endpoint
def user(request: HttpRequest, pk: str) -> HttpResponse:
    base = _base(request)
    person: Any = _get(provisioned_people(), pk)
    token = request.scim_token  # type: ignore[attr-defined]
    if request.method == "DELETE":
        scim_user_remove(person=person, token=token)
        return HttpResponse(status=204)
    if request.method == "PUT":
        scim_user_replace(person=person, data=user_data(read_json(request)), token=token)
    elif request.method == "PATCH":
        document = user_resource(person, base, DepartmentNames())
        patched = patch_document(document, read_json(request).get("Operations"), USER_SCHEMAS)
        scim_user_replace(person=person, data=user_data(patched), token=token)
    elif request.method != "GET":
        raise _method_not_allowed()
    person = _get(provisioned_people(), pk)
    return _one(request, user_resource(person, base, DepartmentNames()), USER_SCHEMAS)


@dataclass(frozen=True)
class GroupKind:
    """What a group is (PLEIN_SCIM_GROUPS): how it is found, shown and written."""

    prefix: str
    queryset: Callable[[], QuerySet[Any]]
    resource: Callable[..., dict[str, Any]]
    filters: dict[Any, Any]
    create: Callable[[GroupData, AccessToken], Any]
    replace: Callable[[Any, GroupData, AccessToken], Any]
    remove: Callable[[Any, AccessToken], None]


DEPARTMENTS = GroupKind(
    prefix=DEPARTMENT_PREFIX,
    queryset=groups,
    resource=group_resource,
    filters=GROUP_FILTERS,
    create=lambda data, token: scim_group_create(data=data, token=token),
    replace=lambda item, data, token: scim_group_replace(department=item, data=data, token=token),
    remove=lambda item, token: scim_group_remove(department=item, token=token),
)
SPACES = GroupKind(
    prefix=SPACE_PREFIX,
    queryset=space_groups,
    resource=space_group_resource,
    filters=SPACE_FILTERS,
    create=lambda data, token: scim_space_create(data=data, token=token),
    replace=lambda item, data, token: scim_space_replace(space=item, data=data, token=token),
    remove=lambda item, token: scim_space_remove(space=item, token=token),
)


def group_kind() -> GroupKind:
    kinds = {"departments": DEPARTMENTS, "spaces": SPACES}
    if settings.PLEIN_SCIM_GROUPS not in kinds:
        raise ImproperlyConfigured("PLEIN_SCIM_GROUPS is 'departments' or 'spaces'.")
    return kinds[settings.PLEIN_SCIM_GROUPS]


@scim_endpoint
def groups_view(request: HttpRequest, search: bool = False) -> HttpResponse:
    base, kind = _base(request), group_kind()
    if request.method == "GET" or search:
        params = _search_params(request) if search else request.GET
        excluded = str(params.get("excludedAttributes") or "").lower()
        members = "members" not in {part.strip() for part in excluded.split(",")}

        def render(item: Any) -> dict[str, Any]:
            return kind.resource(item, base, members=members)

        return _list(params, kind.queryset(), kind.filters, render, GROUP_SCHEMAS)
    if request.method == "POST":
        token = request.scim_token  # type: ignore[attr-defined]
        item = kind.create(group_data(read_json(request)), token)
        return _one(request, kind.resource(item, base), GROUP_SCHEMAS, status=201)
    raise _method_not_allowed()


@scim_endpoint
def group(request: HttpRequest, pk: str) -> HttpResponse:
    base, kind = _base(request), group_kind()
    item = _get(kind.queryset(), pk, kind.prefix)
    token = request.scim_token  # type: ignore[attr-defined]
    if request.method == "DELETE":
        kind.remove(item, token)
        return HttpResponse(status=204)
    if request.method == "PUT":
        kind.replace(item, group_data(read_json(request)), token)
    elif request.method == "PATCH":
        operations = read_json(request).get("Operations")
        patched = patch_document(kind.resource(item, base), operations, GROUP_SCHEMAS)
        kind.replace(item, group_data(patched), token)
    elif request.method != "GET":
        raise _method_not_allowed()
    return _one(request, kind.resource(_get(kind.queryset(), pk, kind.prefix), base), GROUP_SCHEMAS)


def _listed(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": len(resources),
        "startIndex": 1,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }


def _discovery(
    request: HttpRequest, resources: list[dict[str, Any]], key: str | None
) -> HttpResponse:
    if request.method != "GET":
        raise _method_not_allowed()
    if key is None:
        return json_response(_listed(resources))
    found = next((item for item in resources if item["id"].lower() == key.lower()), None)
    if found is None:
        raise ScimError(404, f"{key} not found.")
    return json_response(found)


@scim_endpoint
def schemas_view(request: HttpRequest, key: str | None = None) -> HttpResponse:
    return _discovery(request, schemas(_base(request)), key)


@scim_endpoint
def resource_types_view(request: HttpRequest, key: str | None = None) -> HttpResponse:
    return _discovery(request, resource_types(_base(request)), key)


@scim_endpoint
def service_provider_config_view(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        raise _method_not_allowed()
    return json_response(service_provider_config(_base(request)))


@scim_endpoint
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise ScimError(404, "There is nothing at this address.")
