"""Changes to accounts: language, roles and (de)activation. The only write path for these."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core import audit
from plein.core.registries import events, search
from plein.people.models import Person
from plein.people.roles import ADMINISTRATOR, ROLES_BY_KEY


def person_set_language(*, person: Person, language: str) -> Person:
    if language not in Person.Language.values:
        raise ValueError(f"Unknown language {language!r}")
    person.language = language
    person.save(update_fields=["language"])
    return person


def _is_last_active_administrator(person: Person) -> bool:
    """Whether `person` is an active administrator and no other active administrator exists."""
    administrators = Person.objects.filter(is_active=True, groups__name=ADMINISTRATOR.key)
    return (
        person.is_active
        and administrators.filter(pk=person.pk).exists()
        and not administrators.exclude(pk=person.pk).exists()
    )


def _lock(person: Person) -> Person:
    # Serialises concurrent role changes and (de)activations of the same person.
    return Person.objects.select_for_update().get(pk=person.pk)


@transaction.atomic
def person_set_roles(*, person: Person, roles: set[str], actor: Person) -> Person:
    """Give `person` exactly these roles (keys from people.roles; 'employee' is implicit).

    Groups that are not roles are left alone. The administrator role also grants access to
    Django's technical admin (is_staff); losing it takes that away unless they are a superuser.
    Raises ValidationError when someone would remove their own administrator role or the last
    active administrator would lose it.
    """
    unknown = set(roles) - set(ROLES_BY_KEY)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    locked = _lock(person)
    current = set(locked.groups.filter(name__in=ROLES_BY_KEY).values_list("name", flat=True))
    if ADMINISTRATOR.key in current and ADMINISTRATOR.key not in roles:
        if locked.pk == actor.pk:
            raise ValidationError(
                _("You cannot remove your own administrator role. Ask another administrator."),
                code="own_administrator_role",
            )
        if _is_last_active_administrator(locked):
            raise ValidationError(
                _(
                    "%(name)s is the last active administrator. Make someone else administrator "
                    "first."
                )
                % {"name": locked.full_name},
                code="last_administrator",
            )
    to_add = roles - current
    to_remove = current - roles
    if to_add:
        locked.groups.add(*Group.objects.filter(name__in=to_add))
    if to_remove:
        locked.groups.remove(*Group.objects.filter(name__in=to_remove))
    is_staff = ADMINISTRATOR.key in roles or locked.is_superuser
    if locked.is_staff != is_staff:
        locked.is_staff = is_staff
        locked.save(update_fields=["is_staff"])
    if to_add or to_remove:
        audit.record(
            action=audit.ROLE_CHANGED,
            actor=actor,
            target=locked,
            target_label=locked.full_name,
            details={"added": sorted(to_add), "removed": sorted(to_remove)},
        )
    return locked


@transaction.atomic
def person_deactivate(*, person: Person, actor: Person | None) -> Person:
    """Switch an account off: the person can no longer log in; nothing is deleted.

    `actor` is who does it; None for another system (provisioning with SCIM).

    Existing sessions end as well: Django's ModelBackend refuses inactive people when it loads
    the user of a session on every request, so there is nothing to clean up.
    """
    locked = _lock(person)
    if actor is not None and locked.pk == actor.pk:
        raise ValidationError(
            _("You cannot deactivate your own account. Ask another administrator."),
            code="deactivate_self",
        )
    if not locked.is_active:
        return locked
    if _is_last_active_administrator(locked):
        raise ValidationError(
            _(
                "%(name)s is the last active administrator and cannot be deactivated. Make "
                "someone else administrator first."
            )
            % {"name": locked.full_name},
            code="last_administrator",
        )
    locked.is_active = False
    locked.deactivated_at = timezone.now()
    locked.save(update_fields=["is_active", "deactivated_at"])
    audit.record(
        action=audit.DEACTIVATED, actor=actor, target=locked, target_label=locked.full_name
    )
    search.index("person", locked)  # a deactivated person has no entry: it goes
    events.emit(events.Event(events.PERSON_LEFT, locked.pk, actor.pk if actor else None))
    return locked


@transaction.atomic
def person_reactivate(*, person: Person, actor: Person | None) -> Person:
    """Switch an account back on; the person logs in with their old password again."""
    locked = _lock(person)
    if locked.is_active:
        return locked
    locked.is_active = True
    locked.deactivated_at = None
    locked.save(update_fields=["is_active", "deactivated_at"])
    audit.record(
        action=audit.REACTIVATED, actor=actor, target=locked, target_label=locked.full_name
    )
    search.index("person", locked)
    events.emit(events.Event(events.PERSON_JOINED, locked.pk, actor.pk if actor else None))
    return locked
