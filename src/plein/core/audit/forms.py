"""The audit log's filters: action group, who, a date range and words in what it was about."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .actions import GROUPS, codes_of
from .models import AuditEntry

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _group_choices() -> list[tuple[str, object]]:
    return [("", _("All actions")), *((group.key, group.label) for group in GROUPS)]


class AuditFilterForm(forms.Form):
    group = forms.ChoiceField(label=_("Action"), required=False, choices=_group_choices)
    actor = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=100,
        help_text=_("A name or e-mail address, or part of one."),
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Up to and including"), required=False, widget=DATE)
    q = forms.CharField(
        label=_("About"),
        required=False,
        max_length=100,
        help_text=_("Words in the name of the person, space or thing it was about."),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("This date is before the first date."))
        return data

    def filter(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        """The entries the valid filters let through; all of them when nothing is filled in.
        An invalid form filters by its valid fields only."""
        if not self.is_bound:
            return entries
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        zone = ZoneInfo(settings.TIME_ZONE)
        if data.get("group"):
            entries = entries.filter(action__in=codes_of(data["group"]))
        if data.get("actor"):
            words = data["actor"]
            entries = entries.filter(
                Q(actor_name__icontains=words) | Q(actor_email__icontains=words)
            )
        if data.get("since"):
            entries = entries.filter(at__gte=datetime.combine(data["since"], time(), zone))
        if data.get("until") and "until" not in self.errors:
            end = datetime.combine(data["until"] + timedelta(days=1), time(), zone)
            entries = entries.filter(at__lt=end)
        if data.get("q"):
            entries = entries.filter(target_label__icontains=data["q"])
        return entries

    def query_string(self) -> str:
        """The filters as they were given, for the export link and the pages."""
        if not self.is_bound:
            return ""
        params = QueryDict(mutable=True)
        for key in self.fields:
            if self.data.get(key):
                params[key] = self.data[key]
        return params.urlencode()
