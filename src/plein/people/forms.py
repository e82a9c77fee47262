"""Forms for the people screens: the directory's filters and editing your own profile."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from plein.core import images
from plein.core.forms import IMAGE_ACCEPT

from .models import Department, Location, Person
from .selectors import department_descendant_ids, department_tree, person_find, tag_find

TREE_INDENT = "— "
MAX_TAGS = 20
MAX_TAG_LENGTH = 60
PHONE_CHARACTERS = re.compile(r"^[0-9 +\-()]+$")
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 20
HR_OWNED_FIELDS = ("department", "location")  # in ProfileForm; the manager is not in it at all


class DepartmentTreeIterator(ModelChoiceIterator):
    """Departments in tree order, each indented one dash per level below the top."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for department, depth in department_tree(self.queryset):
            yield (
                ModelChoiceIteratorValue(self.field.prepare_value(department), department),
                TREE_INDENT * depth + self.field.label_from_instance(department),
            )


class DepartmentTreeField(forms.ModelChoiceField):
    iterator = DepartmentTreeIterator

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Department.objects.all())
        super().__init__(**kwargs)


def split_tags(value: str) -> list[str]:
    """'excel,  Project management ,EXCEL' -> ['excel', 'Project management'].

    Names are trimmed, inner whitespace is collapsed, empty entries are dropped and names that
    differ only in case are kept once (the first spelling wins).
    """
    names: list[str] = []
    seen: set[str] = set()
    for raw in value.split(","):
        name = " ".join(raw.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _text_length_checked_in_to_python(field: forms.CharField) -> list[Any]:
    """The field's validators without the length check: a field that cleans text to something
    else (a list, a person) checks the length of the text typed, in to_python."""
    return [v for v in field.validators if not isinstance(v, MaxLengthValidator)]


class TagListField(forms.CharField):
    """Comma-separated tag names in a text input; cleans to a list of names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_TAGS * (MAX_TAG_LENGTH + 2))
        super().__init__(**kwargs)
        self.validators = _text_length_checked_in_to_python(self)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        MaxLengthValidator(self.max_length)(text)
        return split_tags(text)

    def validate(self, value: list[str]) -> None:  # type: ignore[override]
        super().validate(", ".join(value))
        if len(value) > MAX_TAGS:
            raise forms.ValidationError(
                _("You can enter at most %(max)d; you entered %(count)d."),
                params={"max": MAX_TAGS, "count": len(value)},
                code="too_many",
            )
        too_long = [name for name in value if len(name) > MAX_TAG_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Each one can be at most %(max)d characters long. Too long: %(names)s."),
                params={"max": MAX_TAG_LENGTH, "names": ", ".join(too_long)},
                code="too_long",
            )


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters. Invalid filters are ignored, never an error page."""

    q = forms.CharField(
        label=_("Name, job title or e-mail"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    department = DepartmentTreeField(
        label=_("Department"),
        required=False,
        empty_label=_("All departments"),
    )
    location = forms.ModelChoiceField(
        label=_("Location"),
        queryset=Location.objects.all(),
        required=False,
        empty_label=_("All locations"),
    )
    skill = forms.CharField(
        label=_("Skill or interest"),
        required=False,
        max_length=MAX_TAG_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # Links from a profile filter on a tag's id; show its name in the box instead.
        if data is not None and data.get("skill", "").strip().isdigit():
            tag = tag_find(data["skill"])
            if tag is not None:
                data = data.copy()
                data["skill"] = tag.name
        super().__init__(data, **kwargs)

    def filters(self) -> dict[str, Any]:
        """The valid filters, for directory_people(); an invalid one is simply left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        filters: dict[str, Any] = {
            "q": data.get("q", ""),
            "department": data.get("department"),
            "location": data.get("location"),
            "skill": data.get("skill", ""),
        }
        return {key: value for key, value in filters.items() if value}


class ProfileForm(forms.Form):
    """Editing your own profile. Saving goes through services.profile_update()."""

    photo = forms.FileField(
        label=_("Upload a photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my current photo"), required=False)
    job_title = forms.CharField(
        label=_("Job title"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    department = DepartmentTreeField(
        label=_("Department"), required=False, empty_label=_("No department")
    )
    location = forms.ModelChoiceField(
        label=_("Location"),
        queryset=Location.objects.all(),
        required=False,
        empty_label=_("No location"),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        help_text=_("For example +31 20 123 4567."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    bio = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=2000,
        help_text=_(
            "What you work on, what colleagues can ask you about. At most 2000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    skills = TagListField(
        label=_("Skills"),
        help_text=_(
            "Separate them with commas, for example: Excel, project management, Spanish. At most "
            "20."
        ),
    )
    interests = TagListField(
        label=_("Interests"),
        help_text=_("Separate them with commas, for example: cycling, photography. At most 20."),
    )

    def __init__(self, *args: Any, hr_owned: bool = False, **kwargs: Any) -> None:
        """hr_owned: the department and location come from HR; they are shown, not edited,
        and whatever is posted for them is ignored (the initial values are kept)."""
        super().__init__(*args, **kwargs)
        for name in HR_OWNED_FIELDS if hr_owned else ():
            self.fields[name].disabled = True
        self.fields["photo"].help_text = _(
            "A JPEG, PNG, WebP or HEIC picture of at most %(max)d MB. It is cropped to a square "
            "around the centre."
        ) % {"max": settings.PLEIN_MAX_IMAGE_UPLOAD_BYTES // 1024 // 1024}

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        return {
            "job_title": person.job_title,
            "department": person.department_id,
            "location": person.location_id,
            "phone": person.phone,
            "bio": person.bio,
            "skills": [tag.name for tag in person.skills.all()],
            "interests": [tag.name for tag in person.interests.all()],
        }

    def clean_photo(self) -> Any:
        # Checked here too, so a bad picture is reported together with any other mistake;
        # profile_update() checks it again before it writes anything.
        photo = self.cleaned_data.get("photo")
        if photo:
            images.square_jpeg(photo)
            photo.seek(0)
        return photo

    def clean_job_title(self) -> str:
        return " ".join(self.cleaned_data["job_title"].split())

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        if not phone:
            return ""
        if not PHONE_CHARACTERS.match(phone):
            raise forms.ValidationError(
                _("Use only digits, spaces, +, - and parentheses, for example +31 20 123 4567."),
                code="invalid_characters",
            )
        digits = sum(character.isdigit() for character in phone)
        if not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
            raise forms.ValidationError(
                _("A phone number has %(min)d to %(max)d digits; this one has %(count)d."),
                params={"min": PHONE_MIN_DIGITS, "max": PHONE_MAX_DIGITS, "count": digits},
                code="invalid_length",
            )
        return phone


# --- The Management area: departments, locations and people's details ------------------------


class DepartmentForm(forms.Form):
    """Adding or changing a department. Saving goes through services.department_create/update."""

    name = forms.CharField(label=_("Name"), max_length=150)
    parent = DepartmentTreeField(
        label=_("Part of"),
        required=False,
        empty_label=_("Nothing: this is a top-level department"),
    )
    code = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=50,
        help_text=_("The department's code in the HR system, used by the import. Optional."),
    )

    def __init__(self, *args: Any, department: Department | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if department is not None:
            # A department cannot become part of itself or of anything below it.
            field = self.fields["parent"]
            field.queryset = Department.objects.exclude(  # type: ignore[attr-defined]
                pk__in=department_descendant_ids(department.pk)
            )
            field.help_text = _(
                "It cannot be part of itself or of one of its own sub-departments, so those "
                "are not in the list."
            )

    @classmethod
    def initial_for(cls, department: Department) -> dict[str, Any]:
        return {"name": department.name, "parent": department.parent_id, "code": department.code}


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=255,
        help_text=_("For example Stationsplein 1, 3511 ED Utrecht. Optional."),
    )


class ManagerField(forms.CharField):
    """Someone's e-mail address or employee number in a text input; cleans to that Person.

    A list of every colleague would be far too long to choose from in a large organisation.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)  # the longest e-mail address
        super().__init__(**kwargs)
        self.validators = _text_length_checked_in_to_python(self)

    def prepare_value(self, value: Any) -> Any:
        return value.email if isinstance(value, Person) else value

    def to_python(self, value: Any) -> Person | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        MaxLengthValidator(self.max_length)(text)
        person = person_find(text)
        if person is None:
            raise forms.ValidationError(
                _("Nobody in Plein has the e-mail address or employee number %(value)s."),
                params={"value": text},
                code="unknown",
            )
        return person


class PersonDetailsForm(forms.Form):
    """Someone's name, e-mail address and place in the organisation, for administrators."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    name_prefix = forms.CharField(
        label=_("Prefix"),
        required=False,
        max_length=30,
        help_text=_("For example 'van', 'de' or 'van der'."),
    )
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("They log in with this address."),
    )
    employee_number = forms.CharField(
        label=_("Employee number"),
        required=False,
        max_length=50,
        help_text=_("The number in the HR system, used by the import. Optional."),
    )
    job_title = forms.CharField(label=_("Job title"), required=False, max_length=150)
    department = DepartmentTreeField(
        label=_("Department"), required=False, empty_label=_("No department")
    )
    location = forms.ModelChoiceField(
        label=_("Location"),
        queryset=Location.objects.all(),
        required=False,
        empty_label=_("No location"),
    )
    manager = ManagerField(
        label=_("Manager"),
        required=False,
        help_text=_(
            "The manager's e-mail address or employee number, for example "
            "jan.jansen@example.org. Leave it empty for no manager."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        return {
            "first_name": person.first_name,
            "name_prefix": person.name_prefix,
            "last_name": person.last_name,
            "email": person.email,
            "employee_number": person.employee_number,
            "job_title": person.job_title,
            "department": person.department_id,
            "location": person.location_id,
            "manager": person.manager,
        }


class PersonAddForm(PersonDetailsForm):
    send_welcome = forms.BooleanField(
        label=_("Send a welcome e-mail with a link to set a password"),
        required=False,
        initial=True,
        help_text=_("You can also send it later, from their details."),
    )
