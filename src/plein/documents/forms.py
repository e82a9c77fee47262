"""Forms for document libraries; saving goes through services.py, which checks the file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.people.models import Person

from .models import DESCRIPTION_MAX_LENGTH


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search this library"), required=False, max_length=200)


class FolderForm(forms.Form):
    name = forms.CharField(label=_("Folder name"), max_length=120)


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV or an image."),
    )


class DetailsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner = forms.EmailField(
        label=_("Owner (e-mail address)"),
        required=False,
        help_text=_(
            "The colleague who keeps this document up to date; reminded by e-mail when the "
            "review date has passed. Empty: you."
        ),
    )
    review_on = forms.DateField(label=_("Review date"), required=False, widget=DateInput())

    def clean_owner(self) -> Person | None:
        email = self.cleaned_data.get("owner")
        if not email:
            return None
        owner = Person.objects.filter(email__iexact=email, is_active=True).first()
        if owner is None:
            raise forms.ValidationError(_("Nobody active on the intranet has this e-mail address."))
        return owner


class UploadForm(DetailsForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV or an image."),
    )

    field_order = ["file", "title", "description", "owner", "review_on"]
