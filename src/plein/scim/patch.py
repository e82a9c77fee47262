"""PATCH (RFC 7644 section 3.5.2) applied to a resource as a document: the resource is rendered,
the operations change the document, and the result is saved like a PUT. So every path Plein
renders can be patched, in the shapes Entra ID sends: capitalised ops ("Replace"), paths such as
`emails[type eq "work"].value` or `urn:...:enterprise:2.0:User:manager`, a replace without a
path whose value is a dict, and members removed with a value list.

A removed attribute becomes null (not absent), so saving tells "clear this" from "not sent".
"""

from __future__ import annotations

import copy
import re
from typing import Any

from .http import ScimError

PATH = re.compile(
    r"^(?:(?P<urn>urn:.+):)?(?P<attr>[A-Za-z$][\w$-]*)"
    r"(?:\[(?P<filter>[^\]]+)\])?(?:\.(?P<sub>[A-Za-z$][\w$-]*))?$"
)
VALUE_FILTER = re.compile(r'^\s*(?P<attr>[A-Za-z$][\w$-]*)\s+eq\s+(?P<value>"[^"]*"|\S+)\s*$', re.I)
Document = dict[str, Any]


def _key(container: Document, name: str) -> str:
    """The key in `container` that `name` means (attribute names ignore case)."""
    lowered = name.lower()
    return next((key for key in container if key.lower() == lowered), name)


def _matches(item: object, condition: tuple[str, str]) -> bool:
    if not isinstance(item, dict):
        return False
    value = item.get(_key(item, condition[0]))
    return value is not None and str(value).lower() == condition[1].lower()


def _condition(text: str) -> tuple[str, str]:
    match = VALUE_FILTER.match(text)
    if match is None:
        raise ScimError(400, f"Unsupported filter in path: {text}", "invalidFilter")
    return match["attr"], match["value"].strip('"')


def _merge(current: object, value: object) -> object:
    if isinstance(current, dict) and isinstance(value, dict):
        merged = dict(current)
        for name, item in value.items():
            merged[_key(merged, name)] = item
        return merged
    return value


def _same_item(a: object, b: object) -> bool:
    if isinstance(a, dict) and isinstance(b, dict) and "value" in a and "value" in b:
        return str(a["value"]) == str(b["value"])
    return a == b


def _plain(container: Document, op: str, name: str, value: object) -> None:
    """An operation on an attribute without a filter: `name` or `name` with a list."""
    key = _key(container, name)
    current = container.get(key)
    if op == "remove":
        if isinstance(current, list) and isinstance(value, list):
            container[key] = [
                item for item in current if not any(_same_item(item, v) for v in value)
            ]
        else:
            container[key] = None
    elif op == "add" and isinstance(current, list):
        added = value if isinstance(value, list) else [value]
        container[key] = current + [
            item for item in added if not any(_same_item(item, c) for c in current)
        ]
    else:
        container[key] = _merge(current, value)


def _filtered(
    container: Document,
    op: str,
    name: str,
    condition: tuple[str, str],
    sub: str | None,
    value: object,
) -> None:
    """An operation on the items of a multi-valued attribute that match a filter."""
    key = _key(container, name)
    items = list(container.get(key) or [])
    matching = [item for item in items if _matches(item, condition)]
    if op == "remove":
        if sub is None:
            items = [item for item in items if item not in matching]
        for item in matching:
            if sub is not None:
                item[_key(item, sub)] = None
    elif matching:
        for item in matching:
            if sub is None:
                item.update(_merge(item, value))  # type: ignore[arg-type]
            else:
                item[_key(item, sub)] = value
    else:
        new: dict[str, object] = {condition[0]: condition[1]}
        if sub is None and isinstance(value, dict):
            new.update(value)
        elif sub is not None:
            new[sub] = value
        items.append(new)
    container[key] = items


def _container(document: Document, urn: str | None, schemas: tuple[str, ...]) -> Document:
    if urn is None or urn.lower() == schemas[0].lower():
        return document
    for schema in schemas[1:]:
        if urn.lower() == schema.lower():
            extension = document.get(schema)
            if not isinstance(extension, dict):
                extension = document[schema] = {}
            return extension
    raise ScimError(400, f"Unknown schema: {urn}", "invalidPath")


def _apply_path(
    document: Document, op: str, path: str, value: object, schemas: tuple[str, ...]
) -> None:
    if path.lower() in {schema.lower() for schema in schemas[1:]}:  # the whole extension
        container = _container(document, path, schemas)
        if op == "remove":
            for name in container:
                container[name] = None
        elif isinstance(value, dict):
            for name, item in value.items():
                _apply_path(container, op, name, item, ("",))
        return
    match = PATH.match(path.strip())
    if match is None:
        raise ScimError(400, f"Invalid path: {path}", "invalidPath")
    container = _container(document, match["urn"], schemas)
    attr, sub = match["attr"], match["sub"]
    if match["filter"]:
        _filtered(container, op, attr, _condition(match["filter"]), sub, value)
    elif sub is not None:
        key = _key(container, attr)
        current = container.get(key)
        if isinstance(current, list):
            for item in current:
                if isinstance(item, dict):
                    item[_key(item, sub)] = None if op == "remove" else value
        else:
            inner = dict(current) if isinstance(current, dict) else {}
            inner[_key(inner, sub)] = None if op == "remove" else value
            container[key] = inner
    else:
        _plain(container, op, attr, value)


def patch_document(document: Document, operations: object, schemas: tuple[str, ...]) -> Document:
    """The document after the operations; `schemas` names the core schema, then extensions."""
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, "A PATCH needs a list of Operations.", "invalidSyntax")
    result = copy.deepcopy(document)
    for operation in operations:
        if not isinstance(operation, dict):
            raise ScimError(400, "Each operation must be an object.", "invalidSyntax")
        op = str(operation.get("op", "")).lower()
        if op not in {"add", "replace", "remove"}:
            raise ScimError(400, f"Unknown op: {operation.get('op')}", "invalidSyntax")
        path, value = operation.get("path"), operation.get("value")
        if path:
            _apply_path(result, op, str(path), value, schemas)
        elif op == "remove":
            raise ScimError(400, "A remove needs a path.", "noTarget")
        elif isinstance(value, dict):
            for name, item in value.items():
                _apply_path(result, op, name, item, schemas)
        else:
            raise ScimError(400, "Without a path the value must be an object.", "invalidValue")
    return result
