"""The department tree as it will be after an import: departments found by code or by path,
created, renamed and moved in memory while the rows are checked, and saved at the end."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Department

DEPARTMENT_SEPARATOR = ">"


def department_segments(value: str) -> tuple[str, ...] | None:
    segments = tuple(" ".join(part.split()) for part in value.split(DEPARTMENT_SEPARATOR))
    return segments if all(segments) else None


class DepartmentNode:
    """A department as it will be after the import: existing (pk set) or to be created."""

    __slots__ = ("code", "name", "original", "parent", "pk")

    def __init__(
        self, *, pk: int | None, name: str, parent: DepartmentNode | None, code: str | None
    ) -> None:
        self.pk = pk
        self.name = name
        self.parent = parent
        self.code = code
        self.original: tuple[str, DepartmentNode | None, str | None] | None = None

    def path(self) -> str:
        parts, node = [], self
        while node is not None:
            parts.append(node.name)
            node = node.parent  # type: ignore[assignment]
        return f" {DEPARTMENT_SEPARATOR} ".join(reversed(parts))

    def is_below(self, other: DepartmentNode) -> bool:
        node: DepartmentNode | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False


class DepartmentPlan:
    def __init__(self) -> None:
        existing = list(Department.objects.values_list("pk", "name", "parent_id", "code"))
        self.by_pk = {
            pk: DepartmentNode(pk=pk, name=name, parent=None, code=code)
            for pk, name, _parent, code in existing
        }
        for pk, _name, parent_id, _code in existing:
            self.by_pk[pk].parent = self.by_pk.get(parent_id) if parent_id else None
        for node in self.by_pk.values():
            node.original = (node.name, node.parent, node.code)
        self.by_code = {node.code: node for node in self.by_pk.values() if node.code}
        self.by_place = {(node.parent, node.name): node for node in self.by_pk.values()}
        self.operations: list[DepartmentNode] = []  # creations and changes, in order

    def _touch(self, node: DepartmentNode) -> None:
        if node not in self.operations:
            self.operations.append(node)

    def path(self, segments: tuple[str, ...]) -> DepartmentNode:
        parent = None
        for name in segments:
            node = self.by_place.get((parent, name))
            if node is None:
                node = DepartmentNode(pk=None, name=name, parent=parent, code=None)
                self.by_place[(parent, name)] = node
                self._touch(node)
            parent = node
        assert parent is not None
        return parent

    def with_code(self, segments: tuple[str, ...], code: str) -> DepartmentNode | str:
        """The department with this code, renamed/moved to `segments`; or an error message."""
        node = self.by_code.get(code)
        if node is None:
            node = self.path(segments)
            if node.code:
                return _("Department '%(path)s' has code %(existing)s in Plein, not %(code)s.") % {
                    "path": node.path(),
                    "existing": node.code,
                    "code": code,
                }
            node.code = code
            self.by_code[code] = node
            self._touch(node)
            return node
        parent = self.path(segments[:-1]) if len(segments) > 1 else None
        name = segments[-1]
        if (node.parent, node.name) == (parent, name):
            return node
        other = self.by_place.get((parent, name))
        if other is not None and other is not node:
            return _(
                "Department code %(code)s belongs to '%(current)s' in Plein; it cannot become "
                "'%(path)s' because another department already has that name."
            ) % {"code": code, "current": node.path(), "path": " > ".join(segments)}
        if parent is not None and parent.is_below(node):
            return _(
                "Department code %(code)s belongs to '%(current)s' in Plein; it cannot move "
                "below itself to '%(path)s'."
            ) % {"code": code, "current": node.path(), "path": " > ".join(segments)}
        del self.by_place[(node.parent, node.name)]
        node.parent, node.name = parent, name
        self.by_place[(parent, name)] = node
        self._touch(node)
        return node

    @property
    def created(self) -> list[DepartmentNode]:
        return [node for node in self.operations if node.pk is None]

    @property
    def changed(self) -> list[DepartmentNode]:
        return [
            node
            for node in self.operations
            if node.pk is not None and node.original != (node.name, node.parent, node.code)
        ]

    def save(self) -> None:
        for node in self.operations:
            parent_id = node.parent.pk if node.parent else None
            if node.pk is None:
                node.pk = Department.objects.create(
                    name=node.name, parent_id=parent_id, code=node.code
                ).pk
            elif node.original != (node.name, node.parent, node.code):
                Department.objects.filter(pk=node.pk).update(
                    name=node.name, parent_id=parent_id, code=node.code
                )


@transaction.atomic
def department_for_path(*, value: str) -> Department | None:
    """The department `value` names, by the import's rules, created with its parents when
    missing: "Parent > Child" from the top. For other systems (SCIM) that send only a name, a
    single name that exactly one department has means that one, wherever it sits. Empty: none.
    Raises ValidationError for an empty part or a name that is too long."""
    if not value.strip():
        return None
    segments = department_segments(value)
    if segments is None:
        raise ValidationError(
            _(
                "Department %(value)s has an empty part; write nested departments as "
                "'Parent > Child'."
            )
            % {"value": value},
            code="invalid",
        )
    limit = Department._meta.get_field("name").max_length or 0
    if any(len(segment) > limit for segment in segments):
        raise ValidationError(
            _("A department name is too long: at most %(limit)d characters.") % {"limit": limit},
            code="invalid",
        )
    if len(segments) == 1:
        named = list(Department.objects.filter(name__iexact=segments[0])[:2])
        if len(named) == 1:
            return named[0]
    plan = DepartmentPlan()
    node = plan.path(segments)
    plan.save()
    assert node.pk is not None
    return Department.objects.get(pk=node.pk)
