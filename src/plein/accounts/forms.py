from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from plein.core.mail import in_language_of, render_email, render_subject
from plein.core.registries.access import may_enter
from plein.core.selectors import branding_get
from plein.people.models import Person
from plein.people.roles import EMPLOYEE_LABEL, ROLES, ROLES_BY_KEY

from .sso import policy


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "That e-mail address and password do not match. Check both and try again; "
            "after several failed attempts logging in is blocked for a while."
        ),
        "inactive": _("This account has been deactivated. Ask your administrator for help."),
        "not_open_yet": _("The intranet is not open for you yet."),
        "sso_only": _("Log in with your work account: the button is on the login page."),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        """Every entry gate must let the person in (before the launch only the people who
        prepare it, and the pilot, may log in: the launch app's gate)."""
        super().confirm_login_allowed(user)
        if not policy.may_use_password(user):
            raise forms.ValidationError(self.error_messages["sso_only"], code="sso_only")
        if not may_enter(user):
            raise forms.ValidationError(self.error_messages["not_open_yet"], code="not_open_yet")


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Iterator[Person]:
        # People created by the HR import or by an administrator have no password yet; for them
        # "Forgot your password?" is how they choose their first one. Django skips such accounts.
        # With single sign-on only, administrators alone keep a password (policy).
        people = Person.objects.filter(email__iexact=email.strip(), is_active=True)
        return iter(policy.password_people(people))

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The e-mail names the intranet as people know it, not the server's host name.
        kwargs["extra_email_context"] = {
            **(kwargs.get("extra_email_context") or {}),
            "site_name": branding_get().intranet_name,
        }
        super().save(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Written now, in the person's language (or the one they asked in); a task sends it.
        with in_language_of(context["user"], otherwise=translation.get_language()):
            email = render_email(
                subject=render_subject(subject_template_name, context),
                text=email_template_name,
                html=html_email_template_name,
                context=context,
            )
        email.enqueue(to=[to_email], from_email=from_email)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Person.Language.choices)


EMPLOYEE = "employee"


class RoleCheckboxes(forms.CheckboxSelectMultiple):
    """Role checkboxes where 'employee' is shown as always on: checked and disabled."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):  # type: ignore[no-untyped-def]
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == EMPLOYEE:
            option["selected"] = True
            option["attrs"] = {**option["attrs"], "checked": True, "disabled": True}
        return option


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        widget=RoleCheckboxes,
        choices=[(EMPLOYEE, EMPLOYEE_LABEL)] + [(role.key, role.label) for role in ROLES],
        help_text=_("Everyone is an employee; the other roles add rights on top of that."),
    )

    def clean_roles(self) -> set[str]:
        return {key for key in self.cleaned_data["roles"] if key != EMPLOYEE}


class PeopleFilterForm(forms.Form):
    """The search and filters above the list of people in the Management area."""

    STATUS_ACTIVE = "active"
    STATUS_DEACTIVATED = "deactivated"
    ROLE_NONE = "none"

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("Name or e-mail address")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Everyone")),
            (STATUS_ACTIVE, _("Active")),
            (STATUS_DEACTIVATED, _("Deactivated")),
        ],
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("Any role")), (ROLE_NONE, _("Only employee"))]
        + [(role.key, role.label) for role in ROLES],
    )

    def filter(self, people: QuerySet[Person]) -> QuerySet[Person]:
        """Narrow `people` down to what the (valid) form asks for."""
        if not self.is_valid():
            return people
        data = self.cleaned_data
        for word in data["q"].split():
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(name_prefix__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        if data["status"] == self.STATUS_ACTIVE:
            people = people.filter(is_active=True)
        elif data["status"] == self.STATUS_DEACTIVATED:
            people = people.filter(is_active=False)
        if data["role"] == self.ROLE_NONE:
            people = people.exclude(groups__name__in=ROLES_BY_KEY)
        elif data["role"]:
            people = people.filter(groups__name=data["role"])
        return people


class ImportPeopleForm(forms.Form):
    MAX_BYTES = 10 * 1024 * 1024
    EXTENSIONS = (".csv", ".txt")

    file = forms.FileField(
        label=_("HR export (CSV file)"),
        help_text=_("A CSV file, separated by commas or semicolons, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Check only, do not import"),
        required=False,
        help_text=_("Shows what would change and any errors, without saving anything."),
    )
    send_welcome = forms.BooleanField(
        label=_("Send new people the welcome e-mail now"),
        required=False,
        help_text=_(
            "Each person the import adds gets the welcome e-mail with a link to choose a "
            "password, once the import is saved."
        ),
    )

    def clean_file(self) -> UploadedFile:
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith(self.EXTENSIONS):
            raise forms.ValidationError(
                _(
                    "This is not a CSV file. In Excel, use 'Save as' and choose "
                    "'CSV (comma delimited)' or 'CSV UTF-8'."
                ),
                code="not_csv",
            )
        if file.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="too_large")
        return file
