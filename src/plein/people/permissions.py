"""Rules about people. Every active colleague may see the directory and every active profile."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from .models import Person

User = Person | AnonymousUser


def visible_people(user: User) -> QuerySet[Person]:
    if not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    if can_manage_roles(user):
        return Person.objects.all()
    return Person.objects.filter(is_active=True)


def can_view_profile(user: User, person: Person) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return person.is_active or can_manage_roles(user)


def can_edit_profile(user: User, person: Person) -> bool:
    return user.is_authenticated and user.is_active and user.pk == person.pk


def can_manage_roles(user: User) -> bool:
    return user.is_active and user.has_perm("people.manage_roles")


def can_import_people(user: User) -> bool:
    return user.is_active and user.has_perm("people.import_people")


def can_manage_organisation(user: User) -> bool:
    return user.is_active and user.has_perm("people.manage_organisation")
