from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.people.models import Person
from plein.spaces.models import Space
from plein.spaces.permissions import visible_spaces

from . import payloads
from .models import Webhook


class WebhookForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("For you and your colleagues: what receives the messages."),
    )
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The receiving system's address, starting with https://."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        widget=forms.CheckboxSelectMultiple,
        choices=[(kind.key, kind.label) for kind in payloads.KINDS.values()],
        error_messages={"required": _("Choose at least one event.")},
    )
    unanswered_days = forms.IntegerField(
        label=_("Days without an answer"),
        min_value=1,
        max_value=365,
        initial=3,
        help_text=_("For “A question without an answer”: after how many days."),
    )
    space = forms.ModelChoiceField(
        label=_("Only in space"),
        queryset=Space.objects.none(),
        required=False,
        empty_label=_("All spaces"),
        help_text=_("Posts, events and questions in this space only. People are not limited."),
    )

    def __init__(self, *args: Any, user: Person, webhook: Webhook | None = None, **kwargs: Any):
        if webhook is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": webhook.name,
                    "url": webhook.url,
                    "events": webhook.events,
                    "unanswered_days": webhook.unanswered_days,
                    "space": webhook.space_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = visible_spaces(user).order_by("name")  # type: ignore[attr-defined]
