"""What the server tells a client about itself (RFC 7643 sections 5-7): the service provider
configuration, the resource types and the schemas, listing only the attributes Plein keeps."""

from __future__ import annotations

from typing import Any

from .groups import GROUP_SCHEMA
from .users import ENTERPRISE_SCHEMA, USER_SCHEMA

SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
MAX_RESULTS = 200


def attribute(
    name: str,
    *,
    kind: str = "string",
    multi: bool = False,
    required: bool = False,
    mutability: str = "readWrite",
    uniqueness: str = "none",
    description: str = "",
    sub: list[dict[str, Any]] | None = None,
    references: list[str] | None = None,
    canonical: list[str] | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "name": name,
        "type": kind,
        "multiValued": multi,
        "description": description or name,
        "required": required,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": uniqueness,
    }
    if kind in {"string", "reference"}:
        result["caseExact"] = False
    if sub is not None:
        result["subAttributes"] = sub
    if references is not None:
        result["referenceTypes"] = references
    if canonical is not None:
        result["canonicalValues"] = canonical
    return result


def _typed_values(required: bool) -> list[dict[str, Any]]:
    # Plein keeps one address and one number: the work one (or the primary, or the first sent).
    return [attribute("value", required=required), attribute("type", canonical=["work"])]


USER_ATTRIBUTES = [
    attribute("userName", required=True, uniqueness="server", description="Unique login name"),
    attribute(
        "name",
        kind="complex",
        required=True,
        sub=[
            attribute("givenName", required=True),
            attribute("familyName", required=True, description="Family name with any prefix"),
        ],
    ),
    attribute("displayName", mutability="readOnly"),
    attribute("title", description="Job title"),
    attribute("emails", kind="complex", multi=True, required=True, sub=_typed_values(True)),
    attribute("phoneNumbers", kind="complex", multi=True, sub=_typed_values(False)),
    # Required, as Entra ID and other clients always send it: a POST without it means true.
    attribute(
        "active", kind="boolean", required=True, description="False deactivates; nothing is deleted"
    ),
]

ENTERPRISE_ATTRIBUTES = [
    attribute("employeeNumber", description="The key shared with the HR import"),
    attribute("department", description="A name, or a path 'Parent > Child'"),
    attribute(
        "manager",
        kind="complex",
        sub=[
            attribute("value", description="The manager's id"),
            attribute("$ref", kind="reference", references=["User"]),
        ],
    ),
]

GROUP_ATTRIBUTES = [
    attribute("displayName", required=True, description="The department's name"),
    attribute(
        "members",
        kind="complex",
        multi=True,
        sub=[
            attribute("value", mutability="immutable"),
            attribute("$ref", kind="reference", mutability="immutable", references=["User"]),
            attribute("type", mutability="immutable", canonical=["User"]),
        ],
    ),
]


def _schema(
    schema_id: str, name: str, attributes: list[dict[str, Any]], base: str
) -> dict[str, Any]:
    return {
        "schemas": [SCHEMA_SCHEMA],
        "id": schema_id,
        "name": name,
        "description": name,
        "attributes": attributes,
        "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{schema_id}"},
    }


def schemas(base: str) -> list[dict[str, Any]]:
    return [
        _schema(USER_SCHEMA, "User", USER_ATTRIBUTES, base),
        _schema(ENTERPRISE_SCHEMA, "EnterpriseUser", ENTERPRISE_ATTRIBUTES, base),
        _schema(GROUP_SCHEMA, "Group", GROUP_ATTRIBUTES, base),
    ]


def resource_types(base: str) -> list[dict[str, Any]]:
    def resource_type(name: str, schema: str, extensions: list[str]) -> dict[str, Any]:
        return {
            "schemas": [RESOURCE_TYPE_SCHEMA],
            "id": name,
            "name": name,
            "endpoint": f"/{name}s",
            "description": name,
            "schema": schema,
            "schemaExtensions": [{"schema": ext, "required": False} for ext in extensions],
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{name}"},
        }

    return [
        resource_type("User", USER_SCHEMA, [ENTERPRISE_SCHEMA]),
        resource_type("Group", GROUP_SCHEMA, []),
    ]


def service_provider_config(base: str) -> dict[str, Any]:
    unsupported = {"supported": False}
    return {
        "schemas": [CONFIG_SCHEMA],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": unsupported,
        "sort": unsupported,
        "etag": unsupported,
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "An application token with the SCIM scope, made in Plein's "
                "Management",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": f"{base}/ServiceProviderConfig",
        },
    }
