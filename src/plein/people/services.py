"""Every change to people goes through here."""

from __future__ import annotations

import functools
from typing import IO

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.core.mail import in_language_of, render_email, render_subject
from plein.core.registries import events, search
from plein.core.registries.people import people_changed
from plein.core.selectors import branding_get

from .models import Department, Location, Person, Tag
from .permissions import comes_from_hr
from .photos import delete_after_commit, new_photo_discard, photo_replace, square_photo
from .search import people_index
from .selectors import department_descendant_ids

PROFILE_FIELDS = ("job_title", "department", "location", "phone", "bio")


@transaction.atomic
def tags_get_or_create(*, names: list[str]) -> list[Tag]:
    """The tags with these names, in this order; existing tags are reused whatever their case.

    Names are trimmed; names that differ only in case give one tag.
    """
    wanted: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(raw.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            wanted.append(name)
    if not wanted:
        return []
    existing = Tag.objects.filter(
        functools.reduce(lambda q, name: q | Q(name__iexact=name), wanted, Q())
    )
    by_key = {tag.name.casefold(): tag for tag in existing}
    tags = []
    for name in wanted:
        tag = by_key.get(name.casefold())
        if tag is None:
            tag = Tag(name=name)
            tag.full_clean(validate_constraints=False)
            try:
                with transaction.atomic():
                    tag.save()
            except IntegrityError:
                # Someone else created it a moment ago.
                tag = Tag.objects.get(name__iexact=name)
            by_key[name.casefold()] = tag
        tags.append(tag)
    return tags


@transaction.atomic
def profile_update(
    *,
    person: Person,
    job_title: str,
    department: Department | None,
    location: Location | None,
    phone: str,
    bio: str,
    skills: list[str],
    interests: list[str],
    photo: IO[bytes] | None = None,
    remove_photo: bool = False,
) -> Person:
    """Change what a person tells colleagues about themselves, all or nothing.

    A new photo is checked and converted before anything is written, so a bad picture leaves
    the profile as it was. A new photo wins over remove_photo. The old photo file is deleted
    only once the change is committed. The department and location of someone who came from
    HR (permissions.comes_from_hr) are the HR import's: changing them is refused.
    """
    new_photo = square_photo(photo) if photo is not None else None

    person = Person.objects.select_for_update().get(pk=person.pk)
    _refuse_hr_changes(person, department=department, location=location)
    person.job_title = job_title
    person.department = department
    person.location = location
    person.phone = phone
    person.bio = bio
    update_fields = list(PROFILE_FIELDS)
    old_files: list[str] = []
    if new_photo is not None or remove_photo:
        old_files = photo_replace(person, new_photo)
        update_fields.append("photo")
    try:
        person.full_clean(
            exclude=[f.name for f in Person._meta.fields if f.name not in update_fields],
            validate_unique=False,
            validate_constraints=False,
        )
        person.save(update_fields=update_fields)
        person.skills.set(tags_get_or_create(names=skills))
        person.interests.set(tags_get_or_create(names=interests))
    except BaseException:
        if new_photo is not None and person.photo:
            new_photo_discard(person)
        raise
    delete_after_commit(old_files)
    search.index("person", person)
    # A new department can bring new default spaces (those left before stay left).
    people_changed(people=[person])
    return person


def _refuse_hr_changes(
    person: Person, *, department: Department | None, location: Location | None
) -> None:
    """The HR import owns the department and location of people who came from HR."""
    if not comes_from_hr(person):
        return
    errors: dict[str, list[ValidationError]] = {}
    message = _("This comes from the HR system; ask HR to change it.")
    if (department.pk if department else None) != person.department_id:
        errors["department"] = [ValidationError(message, code="from_hr")]
    if (location.pk if location else None) != person.location_id:
        errors["location"] = [ValidationError(message, code="from_hr")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def profile_photo_set(*, person: Person, upload: IO[bytes]) -> Person:
    """Give a person a new photo: cropped to a square JPEG, metadata removed."""
    new_photo = square_photo(upload)
    person = Person.objects.select_for_update().get(pk=person.pk)
    old_files = photo_replace(person, new_photo)
    try:
        person.save(update_fields=["photo"])
    except BaseException:
        new_photo_discard(person)
        raise
    delete_after_commit(old_files)
    return person


@transaction.atomic
def profile_photo_remove(*, person: Person) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    old_files = photo_replace(person, None)
    person.save(update_fields=["photo"])
    delete_after_commit(old_files)
    return person


# --- The organisation: departments and locations ---------------------------------------------

Errors = dict[str, list[str]]


def _tidy(value: str) -> str:
    return " ".join(value.split())


def _field_errors(instance: models.Model, fields: tuple[str, ...]) -> Errors:
    """What the model's own field rules say about these fields (required, length, format)."""
    try:
        instance.full_clean(
            exclude=[f.name for f in instance._meta.fields if f.name not in fields],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        return error.message_dict
    return {}


def _raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _save(instance: models.Model, **kwargs: object) -> None:
    """Save; a uniqueness rule broken by someone else a moment ago becomes a clear message."""
    try:
        with transaction.atomic():
            instance.save(**kwargs)  # type: ignore[arg-type]
    except IntegrityError:
        raise ValidationError(
            _(
                "Someone else has just saved something with the same name, code, e-mail "
                "address or employee number. Check what you entered and try again."
            ),
            code="conflict",
        ) from None


DEPARTMENT_FIELDS = ("name", "parent", "code")


def department_problems(department: Department) -> Errors:
    """What is wrong with this (unsaved) department, by field; empty when nothing is."""
    errors = _field_errors(department, DEPARTMENT_FIELDS)
    others = Department.objects.exclude(pk=department.pk)  # pk None: excludes nobody
    if (
        department.name
        and "name" not in errors
        and others.filter(parent=department.parent, name__iexact=department.name).exists()
    ):
        errors["name"] = [
            _("%(parent)s already has a department called %(name)s.")
            % {"parent": department.parent.name, "name": department.name}
            if department.parent
            else _("There already is a top-level department called %(name)s.")
            % {"name": department.name}
        ]
    if department.code and "code" not in errors:
        owner = others.filter(code=department.code).first()
        if owner is not None:
            errors["code"] = [
                _("Code %(code)s already belongs to the department %(name)s.")
                % {"code": department.code, "name": owner.name}
            ]
    if department.pk and department.parent is not None:
        if department.parent.pk == department.pk:
            errors["parent"] = [_("A department cannot be part of itself.")]
        elif department.parent.pk in department_descendant_ids(department.pk):
            errors["parent"] = [
                _("%(parent)s is part of %(name)s, so %(name)s cannot be part of it.")
                % {"parent": department.parent.name, "name": department.name}
            ]
    return errors


def _department_set(
    department: Department, *, name: str, parent: Department | None, code: str | None
) -> Department:
    department.name = _tidy(name)
    department.parent = parent
    department.code = (code or "").strip() or None
    _raise_if(department_problems(department))
    _save(department)
    return department


@transaction.atomic
def department_create(*, name: str, parent: Department | None, code: str | None) -> Department:
    """Add a department. The name must be unique among its siblings (in any case), the code
    unique everywhere; an empty code means none."""
    return _department_set(Department(), name=name, parent=parent, code=code)


@transaction.atomic
def department_update(
    *, department: Department, name: str, parent: Department | None, code: str | None
) -> Department:
    """Rename or move a department, or change its code. It cannot move below itself."""
    locked = Department.objects.select_for_update().get(pk=department.pk)
    old_name = locked.name
    department = _department_set(locked, name=name, parent=parent, code=code)
    if department.name != old_name:  # the people in it are found by its name
        people_index(Person.objects.filter(department=department, is_active=True))
    return department


@transaction.atomic
def department_delete(*, department: Department) -> None:
    """Delete a department that has no active members and no sub-departments.

    Deactivated people who were in it are left without a department.
    """
    locked = Department.objects.select_for_update().get(pk=department.pk)
    members = Person.objects.filter(department=locked, is_active=True).count()
    children = Department.objects.filter(parent=locked).count()
    problems = []
    if members:
        problems.append(
            ngettext(
                "%(name)s cannot be deleted because %(count)d person is still in it. Move them "
                "to another department first.",
                "%(name)s cannot be deleted because %(count)d people are still in it. Move them "
                "to another department first.",
                members,
            )
            % {"name": locked.name, "count": members}
        )
    if children:
        problems.append(
            ngettext(
                "%(name)s cannot be deleted because it still has %(count)d sub-department. "
                "Delete it or make it part of another department first.",
                "%(name)s cannot be deleted because it still has %(count)d sub-departments. "
                "Delete them or make them part of another department first.",
                children,
            )
            % {"name": locked.name, "count": children}
        )
    if problems:
        raise ValidationError(problems, code="in_use")
    locked.delete()


LOCATION_FIELDS = ("name", "address")


def _location_set(location: Location, *, name: str, address: str) -> Location:
    location.name = _tidy(name)
    location.address = _tidy(address)
    errors = _field_errors(location, LOCATION_FIELDS)
    if (
        location.name
        and "name" not in errors
        and Location.objects.exclude(pk=location.pk).filter(name__iexact=location.name).exists()
    ):
        errors["name"] = [
            _("There already is a location called %(name)s.") % {"name": location.name}
        ]
    _raise_if(errors)
    _save(location)
    return location


@transaction.atomic
def location_create(*, name: str, address: str = "") -> Location:
    """Add a location; its name must be unique (in any case)."""
    return _location_set(Location(), name=name, address=address)


@transaction.atomic
def location_update(*, location: Location, name: str, address: str) -> Location:
    locked = Location.objects.select_for_update().get(pk=location.pk)
    return _location_set(locked, name=name, address=address)


@transaction.atomic
def location_delete(*, location: Location) -> None:
    """Delete a location where no active person works; deactivated people there lose it."""
    locked = Location.objects.select_for_update().get(pk=location.pk)
    people = Person.objects.filter(location=locked, is_active=True).count()
    if people:
        raise ValidationError(
            ngettext(
                "%(name)s cannot be deleted because %(count)d person still works there. Give "
                "them another location first.",
                "%(name)s cannot be deleted because %(count)d people still work there. Give "
                "them another location first.",
                people,
            )
            % {"name": locked.name, "count": people},
            code="in_use",
        )
    locked.delete()


# --- People's organisation details -----------------------------------------------------------

PERSON_DETAIL_FIELDS = (
    "first_name",
    "name_prefix",
    "last_name",
    "email",
    "employee_number",
    "job_title",
    "department",
    "location",
    "manager",
)


def _manager_error(
    person: Person, manager: Person | None, current_manager_id: int | None, directory: bool
) -> str:
    """Why `manager` cannot manage `person`, or '' when they can. A directory may name a
    deactivated manager, as the HR import may."""
    if manager is None:
        return ""
    if person.pk is not None and manager.pk == person.pk:
        return _("A person cannot be their own manager.")
    if not manager.is_active and not directory and manager.pk != current_manager_id:
        return _("%(name)s has been deactivated and cannot be a manager.") % {
            "name": manager.full_name
        }
    if person.pk is None:
        return ""  # someone new has nobody reporting to them yet
    # Walk up from the manager: meeting the person means they would manage themselves.
    seen = {manager.pk}
    above = manager.manager_id
    while above is not None and above not in seen:
        if above == person.pk:
            return _(
                "%(manager)s reports to %(name)s (directly or through others), so %(name)s "
                "cannot report to %(manager)s."
            ) % {"manager": manager.full_name, "name": person.full_name}
        seen.add(above)
        above = Person.objects.filter(pk=above).values_list("manager_id", flat=True).first()
    return ""


def _person_set(
    person: Person,
    *,
    first_name: str,
    name_prefix: str,
    last_name: str,
    email: str,
    employee_number: str | None,
    job_title: str,
    department: Department | None,
    location: Location | None,
    manager: Person | None,
    phone: str | None = None,
    directory: bool = False,
) -> tuple[str, ...]:
    """Put the details on `person` (not saved); raises ValidationError with every problem.
    Returns the fields set: the phone number only when given."""
    current_manager_id = person.manager_id
    fields = PERSON_DETAIL_FIELDS if phone is None else (*PERSON_DETAIL_FIELDS, "phone")
    if phone is not None:
        person.phone = _tidy(phone)
    person.first_name = _tidy(first_name)
    person.name_prefix = _tidy(name_prefix)
    person.last_name = _tidy(last_name)
    person.email = email.strip().lower()
    person.employee_number = (employee_number or "").strip() or None
    person.job_title = _tidy(job_title)
    person.department = department
    person.location = location
    person.manager = manager
    errors = _field_errors(person, fields)
    others = Person.objects.exclude(pk=person.pk)  # pk None: excludes nobody
    if person.email and "email" not in errors:
        owner = others.filter(email__iexact=person.email).first()
        if owner is not None:
            errors["email"] = [
                _("%(email)s already belongs to %(name)s.")
                % {"email": person.email, "name": owner.full_name}
            ]
    if person.employee_number and "employee_number" not in errors:
        owner = others.filter(employee_number=person.employee_number).first()
        if owner is not None:
            errors["employee_number"] = [
                _("Employee number %(number)s already belongs to %(name)s.")
                % {"number": person.employee_number, "name": owner.full_name}
            ]
    manager_error = _manager_error(person, manager, current_manager_id, directory)
    if manager_error:
        errors.setdefault("manager", []).append(manager_error)
    _raise_if(errors)
    return fields


def _welcome_email_send(person: Person, site_url: str) -> None:
    """Written in the person's language, or the intranet's default language until they choose."""
    base = site_url.rstrip("/")
    with in_language_of(person):
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
                "token": default_token_generator.make_token(person),
            },
        )
        context = {
            "person": person,
            "site_name": branding_get().intranet_name,
            "link": base + path,
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        email = render_email(
            subject=render_subject("people/email/welcome_subject.txt", context),
            text="people/email/welcome.txt",
            context=context,
        )
    email.enqueue(to=[person.email])


def person_send_welcome(*, person: Person, site_url: str) -> None:
    """E-mail someone a welcome with a link to choose their password, sent once the current
    transaction is committed (at once outside a transaction).

    The link is on `site_url` (for example "https://intranet.example.org") and works once,
    like a password reset link; a password they already have keeps working until then.
    A failure to send is logged and does not undo anything.
    """
    if not site_url:
        raise ValueError("A welcome e-mail needs the site's address (site_url).")
    if not person.is_active:
        raise ValidationError(
            _("%(name)s has been deactivated. Reactivate the account first.")
            % {"name": person.full_name},
            code="inactive",
        )
    transaction.on_commit(functools.partial(_welcome_email_send, person, site_url), robust=True)


@transaction.atomic
def person_create(
    *,
    first_name: str,
    name_prefix: str = "",
    last_name: str,
    email: str,
    employee_number: str | None = None,
    job_title: str = "",
    department: Department | None = None,
    location: Location | None = None,
    manager: Person | None = None,
    phone: str = "",
    directory: bool = False,
    send_welcome: bool = False,
    site_url: str = "",
) -> Person:
    """Add someone to the organisation, with no usable password yet.

    The e-mail address is stored in lower case and, like the employee number, must be unique
    (the address in any case). The manager must be active (unless `directory`: see
    person_details_update). With send_welcome the person gets a welcome e-mail to choose a
    password (see person_send_welcome).
    """
    if send_welcome and not site_url:
        raise ValueError("A welcome e-mail needs the site's address (site_url).")
    person = Person()
    _person_set(
        person,
        first_name=first_name,
        name_prefix=name_prefix,
        last_name=last_name,
        email=email,
        employee_number=employee_number,
        job_title=job_title,
        department=department,
        location=location,
        manager=manager,
        phone=phone,
        directory=directory,
    )
    person.set_unusable_password()
    _save(person)
    if send_welcome:
        person_send_welcome(person=person, site_url=site_url)
    search.index("person", person)
    people_changed(people=[person])  # in the same transaction: all or nothing
    events.emit(events.Event(events.PERSON_JOINED, person.pk))
    return person


@transaction.atomic
def person_details_update(
    *,
    person: Person,
    first_name: str,
    name_prefix: str,
    last_name: str,
    email: str,
    employee_number: str | None,
    job_title: str,
    department: Department | None,
    location: Location | None,
    manager: Person | None,
    phone: str | None = None,
    directory: bool = False,
) -> Person:
    """Change someone's name, e-mail address, employee number and place in the organisation
    (and phone number, when given).

    Same rules as person_create; besides, nobody can become the manager of someone above
    them (managers cannot form a circle). A deactivated manager may stay, not be chosen anew,
    except by a directory (provisioning, with `directory`), which has the last word.
    """
    locked = Person.objects.select_for_update().get(pk=person.pk)
    fields = _person_set(
        locked,
        first_name=first_name,
        name_prefix=name_prefix,
        last_name=last_name,
        email=email,
        employee_number=employee_number,
        job_title=job_title,
        department=department,
        location=location,
        manager=manager,
        phone=phone,
        directory=directory,
    )
    _save(locked, update_fields=fields)
    search.index("person", locked)
    people_changed(people=[locked])
    return locked
