"""Forms for the spaces screens. Saving goes through services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _

from plein.core import images
from plein.core.forms import IMAGE_ACCEPT
from plein.core.picker import pickers_for
from plein.people.forms import DepartmentTreeIterator
from plein.people.models import Department
from plein.people.permissions import User
from plein.people.picker import PersonPickerField

from .models import Membership, Space


class SpaceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or description"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class SpaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        help_text=_("What the space is for and who it is meant for."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    kind = forms.ChoiceField(
        label=_("Who can join"),
        choices=Space.Kind.choices,
        initial=Space.Kind.OPEN,
        widget=forms.RadioSelect,
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("Optional; it is cropped to a square."),
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)

    def __init__(self, *args: Any, space: Space | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if space is None or not space.image:
            del self.fields["remove_image"]

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_image(self) -> Any:
        # Checked here too, so a bad picture is reported together with other mistakes.
        image = self.cleaned_data.get("image")
        if image:
            images.square_jpeg(image)
            image.seek(0)
        return image


class InviteForm(forms.Form):
    """Whom to invite: a colleague the inviter may see, chosen with the picker (or typed as an
    e-mail address). The field keeps its name "email" for links and scripts that post it."""

    email = PersonPickerField(
        label=_("Colleague to invite"),
        required=True,
        help_text=_("Type a name and choose from the list, or type their e-mail address."),
        error_messages={"required": _("Choose the colleague you want to invite.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pickers_for(self, user)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class DepartmentTreeMultipleField(ModelMultipleChoiceField):
    iterator = DepartmentTreeIterator


class DefaultsForm(forms.Form):
    for_everyone = forms.BooleanField(
        label=_("Everyone is a member by default"),
        required=False,
        help_text=_("New colleagues are added too. People who leave stay out."),
    )
    departments = DepartmentTreeMultipleField(
        label=_("Members of these departments (and the departments below them)"),
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
