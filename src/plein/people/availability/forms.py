"""The forms of the absences page: an absence, and the address of a published calendar."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .feed import web_address
from .models import NOTE_MAX


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AbsenceForm(forms.Form):
    first_day = forms.DateField(label=_("First day away"), widget=DateInput())
    last_day = forms.DateField(
        label=_("Last day away"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for a single day."),
    )
    back_on = forms.DateField(
        label=_("Back on (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for the next working day after your last day."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("Shown to everyone, for example who takes over your work."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first_day") and not data.get("last_day") and not self.errors.get("last_day"):
            data["last_day"] = data["first_day"]
        return data


class CalendarAddressField(forms.CharField):
    """An http(s) address; webcal:// (how calendars are often shared) is read as https://."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def to_python(self, value: Any) -> str:
        return web_address(super().to_python(value) or "")


class AbsenceFeedForm(forms.Form):
    url = CalendarAddressField(
        label=_("Address of your published calendar (ICS)"),
        required=False,
        max_length=2000,
        help_text=_(
            "In Outlook: Settings, Calendar, Shared calendars, Publish a calendar, and copy the "
            "ICS link. In Google Calendar: Settings, your calendar, Secret address in iCal "
            "format. Leave empty to stop reading your calendar."
        ),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
