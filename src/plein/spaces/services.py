"""Every change to spaces and memberships goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plein.core import audit, images
from plein.core.permissions import require as _require
from plein.core.registries import search
from plein.core.registries.spaces import SpaceEvent, SpaceEventKind, space_event_tell
from plein.people.models import Department, Person

from . import permissions
from .models import Membership, Space

State = Membership.State
Role = Membership.Role
SPACE_IMAGE_SIZE = 640
SYNC_BATCH_SIZE = 1000
# /spaces/new/ is the form for a new space; the help place and the ambassadors' space are found
# by their addresses.
RESERVED_SLUGS = {"new", "help", "ambassadors"}


def _square_image(upload: IO[bytes]) -> ContentFile[bytes]:
    try:
        return images.square_jpeg(upload, SPACE_IMAGE_SIZE)
    except ValidationError as error:
        raise ValidationError({"image": error.error_list}) from None


def _image_replace(space: Space, image: ContentFile[bytes] | None) -> None:
    """Point space.image at a new file (or none); the old file is deleted after commit."""
    storage = Space._meta.get_field("image").storage  # type: ignore[attr-defined]
    old = space.image.name if space.image else ""
    space.image = ""  # type: ignore[assignment]
    if image is not None:
        space.image.save("image.jpg", image, save=False)
    if old:
        transaction.on_commit(lambda: storage.delete(old))


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "space"
    taken = RESERVED_SLUGS | set(
        Space.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the space a name.")})
    return name


def _membership(space: Space, person: Person) -> Membership | None:
    return Membership.objects.select_for_update().filter(space=space, person=person).first()


def _set_state(
    membership: Membership | None,
    *,
    space: Space,
    person: Person,
    state: str,
    role: str = Role.MEMBER,
    invited_by: Person | None = None,
) -> Membership:
    if membership is None:
        membership = Membership(space=space, person=person)
    membership.state = state
    membership.role = role
    if invited_by is not None:
        membership.invited_by = invited_by
    membership.save()
    return membership


@transaction.atomic
def space_create(
    *,
    creator: Person,
    name: str,
    description: str,
    kind: str,
    image: IO[bytes] | None = None,
) -> Space:
    """A new space, with its creator as owner."""
    _require(permissions.can_create_space(creator))
    name = _clean_name(name)
    space = Space(
        name=name,
        slug=_unique_slug(name),
        description=description.strip(),
        kind=kind,
        created_by=creator,
    )
    space.full_clean(exclude=["image", "slug"])
    if image is not None:
        _image_replace(space, _square_image(image))
    space.save()
    Membership.objects.create(space=space, person=creator, role=Role.OWNER, state=State.MEMBER)
    search.index("space", space)
    return space


@transaction.atomic
def space_update(
    *,
    space: Space,
    actor: Person,
    name: str,
    description: str,
    kind: str,
    image: IO[bytes] | None = None,
    remove_image: bool = False,
) -> Space:
    """Change a space's name, description, kind or image. The web address stays the same."""
    _require(permissions.can_moderate(actor, space))
    old_kind = space.kind
    space.name = _clean_name(name)
    space.description = description.strip()
    space.kind = kind
    space.full_clean(exclude=["image"])
    if image is not None:
        _image_replace(space, _square_image(image))
    elif remove_image:
        _image_replace(space, None)
    space.save()
    if old_kind != space.kind:
        audit.record(
            action=audit.SPACE_CHANGED,
            actor=actor,
            target=space,
            target_label=space.name,
            details={"kind": {"from": old_kind, "to": space.kind}},
        )
    search.index("space", space)  # also when its kind changed (the search rule reads it anyway)
    return space


@transaction.atomic
def space_join(*, space: Space, person: Person) -> Membership:
    """Join an open space (also accepts a pending invitation)."""
    if not permissions.can_join(person, space):
        raise ValidationError(_("You cannot join this space directly."))
    return _set_state(_membership(space, person), space=space, person=person, state=State.MEMBER)


@transaction.atomic
def space_request_membership(*, space: Space, person: Person) -> Membership:
    """Ask the moderators of a closed space to let you in."""
    if not permissions.can_request(person, space):
        raise ValidationError(_("You cannot ask to join this space."))
    membership = _set_state(
        _membership(space, person), space=space, person=person, state=State.REQUESTED
    )
    transaction.on_commit(
        lambda: space_event_tell(
            SpaceEvent(SpaceEventKind.REQUESTED, space_id=space.pk, person_id=person.pk)
        )
    )
    return membership


def _audit_member(
    action: audit.Action, space: Space, person: Person, actor: Person, **details: str
) -> None:
    """A moderator's change to someone else's membership, for the audit log."""
    audit.record(
        action=action,
        actor=actor,
        target=space,
        target_label=f"{person.full_name} · {space.name}",
        details={"person": person.pk, **details},
    )


def _notify_accepted(space: Space, person: Person, actor: Person) -> None:
    _audit_member(audit.MEMBER_ADMITTED, space, person, actor)
    transaction.on_commit(
        lambda: space_event_tell(
            SpaceEvent(
                SpaceEventKind.ACCEPTED, space_id=space.pk, person_id=person.pk, actor_id=actor.pk
            )
        )
    )


def _pending(space: Space, person: Person, state: str) -> Membership:
    membership = _membership(space, person)
    if membership is None or membership.state != state:
        raise ValidationError(
            _("There is no open request from this person.")
            if state == State.REQUESTED
            else _("There is no open invitation.")
        )
    return membership


@transaction.atomic
def space_accept_request(*, space: Space, person: Person, actor: Person) -> Membership:
    _require(permissions.can_moderate(actor, space))
    membership = _pending(space, person, State.REQUESTED)
    if not person.is_active:
        raise ValidationError(_("This person's account is no longer active."))
    _notify_accepted(space, person, actor)
    return _set_state(membership, space=space, person=person, state=State.MEMBER)


@transaction.atomic
def space_decline_request(*, space: Space, person: Person, actor: Person) -> Membership:
    """Say no to a request. The person may ask again later (the row is kept as 'left')."""
    _require(permissions.can_moderate(actor, space))
    membership = _pending(space, person, State.REQUESTED)
    return _set_state(membership, space=space, person=person, state=State.LEFT)


@transaction.atomic
def space_invite(*, space: Space, person: Person, actor: Person) -> Membership:
    """Invite someone; a pending request from them is accepted instead."""
    _require(permissions.can_moderate(actor, space))
    if not person.is_active:
        raise ValidationError(_("This person's account is no longer active."))
    membership = _membership(space, person)
    if membership is not None and membership.state == State.MEMBER:
        raise ValidationError(_("%(name)s is already a member.") % {"name": person.full_name})
    if membership is not None and membership.state == State.INVITED:
        raise ValidationError(_("%(name)s has already been invited.") % {"name": person.full_name})
    if membership is not None and membership.state == State.REQUESTED:
        _notify_accepted(space, person, actor)
        return _set_state(membership, space=space, person=person, state=State.MEMBER)
    transaction.on_commit(
        lambda: space_event_tell(
            SpaceEvent(
                SpaceEventKind.INVITED, space_id=space.pk, person_id=person.pk, actor_id=actor.pk
            )
        )
    )
    return _set_state(membership, space=space, person=person, state=State.INVITED, invited_by=actor)


@transaction.atomic
def space_accept_invitation(*, space: Space, person: Person) -> Membership:
    membership = _pending(space, person, State.INVITED)
    _require(person.is_active)
    return _set_state(membership, space=space, person=person, state=State.MEMBER)


@transaction.atomic
def space_decline_invitation(*, space: Space, person: Person) -> Membership:
    membership = _pending(space, person, State.INVITED)
    return _set_state(membership, space=space, person=person, state=State.LEFT)


@transaction.atomic
def space_leave(*, space: Space, person: Person) -> Membership:
    """Leave a space. Remembered: a default space does not add you again."""
    membership = _membership(space, person)
    if membership is None or membership.state != State.MEMBER:
        raise ValidationError(_("You are not a member of this space."))
    if not permissions.can_leave(person, space):
        raise ValidationError(
            _("You are the last owner. Make someone else owner before you leave.")
        )
    return _set_state(membership, space=space, person=person, state=State.LEFT)


def _other_active_owners(space: Space, person: Person) -> bool:
    return (
        Membership.objects.filter(
            space=space, state=State.MEMBER, role=Role.OWNER, person__is_active=True
        )
        .exclude(person=person)
        .exists()
    )


@transaction.atomic
def space_remove_member(*, space: Space, person: Person, actor: Person) -> Membership:
    """Take someone out of a space; they cannot join again unless invited."""
    _require(permissions.can_moderate(actor, space))
    membership = _membership(space, person)
    if membership is None or membership.state != State.MEMBER:
        raise ValidationError(_("This person is not a member of this space."))
    if membership.role == Role.OWNER and not permissions.is_owner(actor, space):
        raise PermissionDenied
    if membership.role == Role.OWNER and not _other_active_owners(space, person):
        raise ValidationError(_("A space needs an owner. Make someone else owner first."))
    _audit_member(audit.MEMBER_REMOVED, space, person, actor, role=membership.role)
    return _set_state(membership, space=space, person=person, state=State.REMOVED)


@transaction.atomic
def space_set_role(*, space: Space, person: Person, role: str, actor: Person) -> Membership:
    """Make a member a member, moderator or owner. Only owners grant or take away ownership."""
    _require(permissions.can_moderate(actor, space))
    if role not in Role.values:
        raise ValidationError(_("Choose a valid role."))
    membership = _membership(space, person)
    if membership is None or membership.state != State.MEMBER:
        raise ValidationError(_("This person is not a member of this space."))
    if Role.OWNER in (role, membership.role) and not permissions.is_owner(actor, space):
        raise PermissionDenied
    if (
        membership.role == Role.OWNER
        and role != Role.OWNER
        and not _other_active_owners(space, person)
    ):
        raise ValidationError(_("A space needs an owner. Make someone else owner first."))
    if membership.role != role:
        _audit_member(
            audit.MEMBER_ROLE_CHANGED, space, person, actor, **{"from": membership.role, "to": role}
        )
    return _set_state(membership, space=space, person=person, state=State.MEMBER, role=role)


@transaction.atomic
def space_set_defaults(
    *, space: Space, for_everyone: bool, departments: Iterable[Department], actor: Person
) -> Space:
    """Choose who is in the space by default; the members are added once the change is saved."""
    _require(permissions.can_manage_defaults(actor))
    space.is_default_for_everyone = for_everyone
    space.save(update_fields=["is_default_for_everyone", "updated_at"])
    space.default_departments.set(departments)
    transaction.on_commit(lambda: default_spaces_sync())
    return space


def _department_children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for pk, parent_id in Department.objects.values_list("pk", "parent_id"):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    return children


def _with_descendants(ids: Iterable[int], children: dict[int, list[int]]) -> set[int]:
    found = set(ids)
    todo = list(found)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@transaction.atomic
def default_spaces_sync(*, people: Iterable[Person] | None = None) -> int:
    """Put every active person in the default spaces they belong in; returns how many were added.

    A space is a default for everyone or for departments (and every department below them).
    Someone who left a default space or was removed from it stays out: the row remembers it.
    Pending invitations and requests become memberships. Runs in a few bulk queries.
    """
    spaces = list(
        Space.objects.filter(Q(is_default_for_everyone=True) | Q(default_departments__isnull=False))
        .distinct()
        .prefetch_related("default_departments")
    )
    if not spaces:
        return 0
    active = Person.objects.filter(is_active=True)
    if people is not None:
        active = active.filter(pk__in=[p.pk for p in people])
    persons = list(active.values_list("pk", "department_id"))
    children = _department_children()
    rows = Membership.objects.filter(space__in=spaces)
    if people is not None:
        rows = rows.filter(person_id__in=[pk for pk, _dept in persons])
    existing: dict[tuple[int, int], str] = {
        (space_id, person_id): state
        for space_id, person_id, state in rows.values_list("space_id", "person_id", "state")
    }
    now = timezone.now()
    new: list[Membership] = []
    upgrade: list[tuple[int, int]] = []
    for space in spaces:
        departments = _with_descendants([d.pk for d in space.default_departments.all()], children)
        for person_id, department_id in persons:
            if not (space.is_default_for_everyone or department_id in departments):
                continue
            state = existing.get((space.pk, person_id))
            if state is None:
                new.append(
                    Membership(
                        space=space,
                        person_id=person_id,
                        role=Role.MEMBER,
                        state=State.MEMBER,
                        created_at=now,
                        updated_at=now,
                    )
                )
            elif state in (State.INVITED, State.REQUESTED):
                upgrade.append((space.pk, person_id))
    Membership.objects.bulk_create(new, batch_size=SYNC_BATCH_SIZE, ignore_conflicts=True)
    for space_id, person_id in upgrade:
        Membership.objects.filter(space_id=space_id, person_id=person_id).update(
            state=State.MEMBER, updated_at=now
        )
    return len(new) + len(upgrade)


# --- Spaces a directory keeps (SCIM groups) ---------------------------------------------------


@transaction.atomic
def space_directory_save(*, space: Space | None, name: str) -> Space:
    """A space a directory (a SCIM client) creates or renames. A new one is closed and has no
    owner: administrators manage it, the directory chooses its members."""
    name = _clean_name(name)
    if space is None:
        space = Space(name=name, slug=_unique_slug(name), kind=Space.Kind.CLOSED)
    space.name = name
    space.full_clean(exclude=["image", "slug"])
    space.save()
    search.index("space", space)
    return space


@transaction.atomic
def space_directory_members(
    *, space: Space, add: Iterable[Person], remove: Iterable[Person]
) -> None:
    """A directory puts people in a space and takes them out. Someone taken out cannot join
    again unless invited or put back; the last owner stays, as a space needs one."""
    for person in add:
        membership = _membership(space, person)
        if membership is None or membership.state != State.MEMBER:
            _set_state(membership, space=space, person=person, state=State.MEMBER)
    for person in remove:
        membership = _membership(space, person)
        if membership is None or membership.state != State.MEMBER:
            continue
        if membership.role == Role.OWNER and not _other_active_owners(space, person):
            continue
        _set_state(
            membership, space=space, person=person, state=State.REMOVED, role=membership.role
        )
