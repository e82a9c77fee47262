"""Forms for the agenda. Dates and times are typed in local time (Europe/Amsterdam); saving
goes through services.py."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from plein.spaces.models import Space

from .models import Event
from .services import MAX_OCCURRENCES, EventData, local_zone


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class ManyOptionsSelect(forms.Select):
    """A select whose options are written in Python rather than one template each (about 0.1 ms
    apiece): for lists that grow with the organisation, such as every space one may read."""

    template_name = "events/widgets/many_options_select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        options = [
            option for _group, group, _i in context["widget"]["optgroups"] for option in group
        ]
        context["widget"]["options_html"] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for option in options
            ),
        )
        return context


class AgendaFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Event.Category.choices],
    )
    space = forms.ModelChoiceField(
        label=_("Space"),
        required=False,
        queryset=Space.objects.none(),
        to_field_name="slug",
        empty_label=_("All spaces and organisation-wide"),
        widget=ManyOptionsSelect,
    )
    mine = forms.BooleanField(label=_("Only my events"), required=False)

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces  # type: ignore[attr-defined]


def _local(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=local_zone())


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(
        label=_("Category"), choices=Event.Category.choices, initial=Event.Category.MEETING
    )
    space = forms.ModelChoiceField(
        label=_("Where it is planned"),
        required=False,
        queryset=Space.objects.none(),
        to_field_name="slug",
        help_text=_("The space's members can see it; in an open space, everyone."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        help_text=_("What it is about and who it is for. Markdown works: **bold**, lists, links."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    location = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=255,
        help_text=_("Building and room, or an address."),
    )
    online_url = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Teams, Zoom or another link. Give a place, a link, or both."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when it ends on the same day."),
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())
    all_day = forms.BooleanField(
        label=_("All day"), required=False, help_text=_("The times are then ignored.")
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Leave empty for no limit. When it is full, people join a waiting list."),
    )
    recurrence = forms.ChoiceField(
        label=_("Repeats"), required=False, choices=Event.Recurrence.choices
    )
    repeat_until = forms.DateField(
        label=_("Repeat until"), required=False, widget=DateInput(), help_text=_("Last date.")
    )
    repeat_count = forms.IntegerField(
        label=_("Or number of times"), required=False, min_value=2, max_value=MAX_OCCURRENCES
    )

    def __init__(
        self,
        *args: Any,
        spaces: QuerySet[Space] | None = None,
        organisation_wide: bool = False,
        event: Event | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        if event is not None:
            # The space and the series are fixed once planned; changes are per occurrence.
            for name in ("space", "recurrence", "repeat_until", "repeat_count"):
                del self.fields[name]
            return
        field = self.fields["space"]
        field.queryset = spaces if spaces is not None else Space.objects.none()  # type: ignore[attr-defined]
        field.required = not organisation_wide
        field.empty_label = _("The whole organisation") if organisation_wide else None  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        start = timezone.localtime(event.starts_at, local_zone())
        end = timezone.localtime(event.ends_at, local_zone())
        if event.all_day:
            end = end - timedelta(days=1)
        return {
            "title": event.title,
            "category": event.category,
            "description": event.description,
            "location": event.location,
            "online_url": event.online_url,
            "start_date": start.date(),
            "start_time": None if event.all_day else start.time(),
            "end_date": end.date(),
            "end_time": None if event.all_day else end.time(),
            "all_day": event.all_day,
            "capacity": event.capacity,
        }

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start_date = data.get("start_date")
        if start_date is None:
            return data
        end_date = data.get("end_date") or start_date
        if data.get("all_day"):
            data["starts_at"] = _local(start_date, time(0))
            data["ends_at"] = _local(end_date + timedelta(days=1), time(0))
        else:
            start_time, end_time = data.get("start_time"), data.get("end_time")
            if start_time is None:
                self.add_error("start_time", _("Give a start time, or tick All day."))
            if end_time is None:
                self.add_error("end_time", _("Give an end time, or tick All day."))
            if start_time is None or end_time is None:
                return data
            data["starts_at"] = _local(start_date, start_time)
            data["ends_at"] = _local(end_date, end_time)
        if data["ends_at"] <= data["starts_at"]:
            self.add_error("end_time", _("The end must be after the start."))
        if not data.get("location", "").strip() and not data.get("online_url"):
            self.add_error(
                "location", _("Say where it is: a place, an online meeting link, or both.")
            )
        if data.get("recurrence"):
            until, count = data.get("repeat_until"), data.get("repeat_count")
            if until is None and count is None:
                self.add_error("repeat_until", _("Say until when it repeats, or how many times."))
            elif until is not None and until <= start_date:
                self.add_error("repeat_until", _("The last date must be after the first one."))
        return data

    def event_data(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            title=data["title"],
            description=data.get("description", ""),
            category=data["category"],
            location=data.get("location", ""),
            online_url=data.get("online_url", ""),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            all_day=bool(data.get("all_day")),
            capacity=data.get("capacity"),
        )


class CancelForm(forms.Form):
    whole_series = forms.BooleanField(
        label=_("Also cancel the later occurrences of this series"), required=False
    )
