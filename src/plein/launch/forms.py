"""Forms for the launch screen. Saving goes through services.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.picker import pickers_for
from plein.people.models import Department
from plein.people.permissions import User
from plein.people.picker import PeoplePickerField
from plein.polls.forms import ContestForm, LocalDateTimeInput


class LaunchPlanForm(forms.Form):
    launch_date = forms.DateTimeField(
        label=_("Launch date and time"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=_("Shown on the coming-soon page, the countdown and the poster."),
    )
    pilot_departments = forms.ModelMultipleChoiceField(
        label=_("Pilot departments"),
        queryset=Department.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone in these departments, and the departments below them, takes part."),
    )
    pilot_people = PeoplePickerField(
        label=_("Pilot participants"),
        help_text=_(
            "Other people who take part: find them by name, or type their e-mail addresses, one "
            "per line."
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pickers_for(self, user)


class GoLiveForm(forms.Form):
    announcement_title = forms.CharField(
        label=_("Title of the launch announcement"), max_length=200
    )
    announcement_lead = forms.CharField(
        label=_("Lead"),
        max_length=300,
        help_text=_("One or two sentences, shown above the text and on the start page."),
    )
    announcement_body = forms.CharField(
        label=_("Launch announcement"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Posted to everyone the moment the intranet opens. Markdown is allowed."),
    )
    send_invitations = forms.BooleanField(
        label=_("Send everyone a personal invitation e-mail"),
        required=False,
        initial=True,
        help_text=_("People who switched these e-mails off, or who were invited before, get none."),
    )
    go_live_at = forms.DateTimeField(
        label=_("Go live at"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=_(
            "Only to schedule the go-live: Dutch time. The intranet then opens by itself at this "
            "moment; until then you can change or cancel it on the launch page."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        wanted = self.data.get("action") == "schedule"
        if wanted and not cleaned.get("go_live_at") and "go_live_at" not in self.errors:
            self.add_error("go_live_at", _("Choose when the intranet goes live."))
        return cleaned


class NamingContestForm(ContestForm):
    """The contest form, filled in for the intranet's name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        self.fields["title"].initial = _("What shall we call our intranet?")
        self.fields["description"].initial = _(
            "Our new intranet needs a name. Propose one, and vote for your favourites: the name "
            "with the most votes wins."
        )
        self.fields["submissions_open_until"].initial = now + timedelta(days=14)
        self.fields["voting_open_until"].initial = now + timedelta(days=21)
        del self.fields["votes_per_person"]
