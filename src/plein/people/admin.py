"""Django's technical admin: a fallback for the IT administrator, next to Plein's own screens."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Absence, Department, Location, Person, Tag
from .services import department_problems


class _EmailCheck(forms.ModelForm):
    """E-mail addresses are stored in lower case and unique whatever their case."""

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This e-mail address already belongs to someone else."), code="unique"
            )
        return email


class PersonCreationForm(_EmailCheck, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = Person
        fields = ("email", "first_name", "name_prefix", "last_name")


class PersonChangeForm(_EmailCheck, UserChangeForm):
    class Meta(UserChangeForm.Meta):  # the admin passes the fields of its fieldsets
        model = Person


@admin.register(Person)
class PersonAdmin(UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = (
        "email",
        "first_name",
        "name_prefix",
        "last_name",
        "employee_number",
        "department",
        "is_active",
        "is_staff",
    )
    list_select_related = ("department",)
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "location")
    search_fields = ("email", "first_name", "last_name", "employee_number", "job_title")
    ordering = ("last_name", "first_name")
    # Select lists of everyone would be far too long; these search as you type.
    autocomplete_fields = ("department", "location", "manager", "skills", "interests")
    readonly_fields = ("last_login", "date_joined", "deactivated_at")
    # The photo is left out on purpose: Plein crops it and removes its metadata.
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Name and work"),
            {
                "fields": (
                    "first_name",
                    "name_prefix",
                    "last_name",
                    "employee_number",
                    "job_title",
                    "department",
                    "location",
                    "manager",
                )
            },
        ),
        (_("Profile"), {"fields": ("phone", "bio", "skills", "interests", "language")}),
        (
            _("Access"),
            {
                "fields": (
                    "is_active",
                    "deactivated_at",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "first_name",
                    "name_prefix",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


class DepartmentAdminForm(forms.ModelForm):
    """The same rules as Plein's own screen: clear messages, and no department below itself."""

    class Meta:
        model = Department
        fields = ("name", "parent", "code")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        department = Department(
            pk=self.instance.pk,
            name=cleaned.get("name") or "",
            parent=cleaned.get("parent"),
            code=cleaned.get("code") or None,
        )
        for field, messages in department_problems(department).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, messages)
        return cleaned


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    form = DepartmentAdminForm
    list_display = ("name", "parent", "code")
    list_select_related = ("parent",)
    search_fields = ("name", "code")
    autocomplete_fields = ("parent",)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "address")
    search_fields = ("name", "address")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    """Read-only: absences are changed on Plein's own pages (/people/<id>/absences/), where the
    overlap and date rules hold."""

    list_display = ("person", "first_day", "last_day", "back_on", "source")
    list_filter = ("source",)
    search_fields = ("person__first_name", "person__last_name", "person__email")
    date_hierarchy = "first_day"
    list_select_related = ("person",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
