"""People and the organisation: persons (the user model), departments, locations and tags."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path


def _photo_path(instance: Person, filename: str) -> str:
    # Random names: a file name never reveals whose photo it is or invites guessing.
    return str(PurePosixPath("people", "photos", f"{uuid.uuid4().hex}.jpg"))


class Location(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    name = models.CharField(_("name"), max_length=150)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(
        _("code"),
        max_length=50,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The department's code in the HR system, used by the import."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="department_unique_name_per_parent"
            ),
            models.UniqueConstraint(
                "name",
                condition=models.Q(parent__isnull=True),
                name="department_unique_top_level_name",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="department_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:directory") + f"?department={self.pk}"


class Tag(models.Model):
    """A skill or interest; one vocabulary so 'Excel' as skill and interest is one tag."""

    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [models.UniqueConstraint(Lower("name"), name="tag_unique_name_ci")]

    def __str__(self) -> str:
        return self.name


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: object) -> Person:
        if not email:
            raise ValueError("An e-mail address is required.")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_user(self, email: str, password: str | None = None, **fields: object) -> Person:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> Person:
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> Person:
        return self.get(email__iexact=username)


class Person(AbstractBaseUser, PermissionsMixin):
    """Someone who works in the organisation and (when active) can log in."""

    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    name_prefix = models.CharField(
        _("prefix"), max_length=30, blank=True, help_text=_("For example 'van', 'de' or 'van der'.")
    )
    last_name = models.CharField(_("last name"), max_length=150)
    employee_number = models.CharField(
        _("employee number"), max_length=50, unique=True, null=True, blank=True
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    photo = models.ImageField(_("photo"), upload_to=_photo_path, blank=True)
    skills = models.ManyToManyField(
        Tag, verbose_name=_("skills"), blank=True, related_name="skilled_people"
    )
    interests = models.ManyToManyField(
        Tag, verbose_name=_("interests"), blank=True, related_name="interested_people"
    )
    # Blank until the person chooses: until then the browser's language or the default (Dutch).
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("access to technical admin"),
        default=False,
        help_text=_("Can use Django's technical admin site."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="person_unique_email_ci")]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="person_name_idx"),
            models.Index(fields=["is_active", "department"], name="person_active_dept_idx"),
            # The start page's newest colleagues: no walk through everyone.
            models.Index(fields=["-date_joined"], name="person_joined_idx"),
        ]
        permissions = [
            ("manage_roles", _("Can assign roles and (de)activate accounts")),
            ("import_people", _("Can import people from an HR export")),
            ("manage_organisation", _("Can manage departments and locations")),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def initials(self) -> str:
        return (self.first_name[:1] + self.last_name[:1]).upper()

    def get_absolute_url(self) -> str:
        return path("people:profile", self.pk)


# Availability lives in its own sub-package; its models belong to this app.
from .availability.models import Absence, AbsenceFeed  # noqa: E402

__all__ = ["Absence", "AbsenceFeed", "Department", "Location", "Person", "PersonManager", "Tag"]
