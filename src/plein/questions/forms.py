"""Forms for asking questions, answering them and choosing helpers. Saving goes through
services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import ModelChoiceField
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plein.people.forms import DepartmentTreeIterator
from plein.people.models import Department
from plein.posts.models import Post
from plein.spaces.models import Space

TITLE_MAX = Post._meta.get_field("title").max_length
BODY_MAX = Post._meta.get_field("body").max_length


class DepartmentTreeField(ModelChoiceField):
    iterator = DepartmentTreeIterator


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=TITLE_MAX,
        help_text=_("One sentence, ending in a question mark. Similar questions appear below."),
    )
    body = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=BODY_MAX,
        help_text=_("Optional: what you already tried or know."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Up to five words, separated by spaces, for example: expenses travel"),
    )
    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=Space.objects.none(),
        required=False,
        empty_label=_("Not in a space: everyone can see it"),
    )
    department = DepartmentTreeField(
        label=_("Ask the helpers of a department"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("No department"),
        help_text=_("The helpers of the department and of the tags get an e-mail."),
    )

    def __init__(self, *args: Any, spaces: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces  # type: ignore[attr-defined]
        self.fields["title"].widget.attrs.update(
            {
                "autocomplete": "off",
                "hx-get": reverse("questions:similar"),
                "hx-trigger": "keyup changed delay:400ms",
                "hx-target": "#questions-similar",
                "aria-describedby": "questions-similar",
            }
        )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class HelperForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the colleague"))
    department = DepartmentTreeField(
        label=_("Department"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("No department"),
    )
    topic = forms.CharField(
        label=_("Or a topic"),
        required=False,
        max_length=64,
        help_text=_("One word, for example: expenses"),
    )
