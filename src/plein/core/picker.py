"""The picker's generic parts: a form field to choose something the way @-mentions do.

Without JavaScript a picker is a plain text field. picker.js turns it into an ARIA combobox that
suggests as one types (GET the field's data-picker-url?q=…, JSON
{"results": [{"value", "label", "detail"}]}) and fills in a text the same field accepts; with
several choices (PickerTextarea) it adds a line.

This module holds what knows no domain: the widgets, the base field (ChooserField, whose `find`
turns the text into what it names among what its user may see), `pickers_for` (the form gives
its picker fields their user) and the suggestions' JSON response. The pickers themselves live
with what they choose: people and colleagues in `plein.people.picker`, posts in
`plein.posts.picker`, each with its suggestion view.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

SUGGESTIONS = 8
MIN_QUERY = 2


# --- Widgets -----------------------------------------------------------------------------------


def _picker_attrs(url: Any, placeholder: Any) -> dict[str, Any]:
    return {
        "data-picker-url": url,
        "data-picker-label": _("Suggestions"),
        "data-picker-found": _("suggestions; use the arrow keys and Enter to choose"),
        "data-picker-none": _("No suggestions"),
        "autocomplete": "off",
        "spellcheck": "false",
        "placeholder": placeholder,
    }


class PickerInput(forms.TextInput):
    def __init__(self, url: Any, placeholder: Any = "", attrs: dict[str, Any] | None = None):
        super().__init__({**_picker_attrs(url, placeholder), **(attrs or {})})


class PickerTextarea(forms.Textarea):
    """Several people, one a line; picker.js adds a search box that adds a line."""

    def __init__(self, url: Any, attrs: dict[str, Any] | None = None):
        super().__init__(
            {
                **_picker_attrs(url, ""),
                "rows": 4,
                "data-picker-multiple": "",
                "data-picker-add": _("Find a colleague to add"),
                "data-picker-added": _("Added:"),
                **(attrs or {}),
            }
        )


# --- Fields --------------------------------------------------------------------------------------


class ChooserField(forms.CharField):
    """A picker field: the text is checked as a CharField, then `find` turns it into what it
    names, among what `user` (set by pickers_for) may see."""

    user: AbstractBaseUser | AnonymousUser | None = None

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        return self.find(super().clean(value))

    def find(self, text: str) -> Any:
        raise NotImplementedError


def pickers_for(form: forms.BaseForm, user: AbstractBaseUser | AnonymousUser) -> None:
    """Let the form's picker fields suggest and accept what `user` may see."""
    for field in form.fields.values():
        if isinstance(field, ChooserField):
            field.user = user


# --- Suggestions -------------------------------------------------------------------------------


def suggestions_response(results: list[dict[str, str]]) -> JsonResponse:
    """The JSON picker.js reads: {"results": [{"value", "label", "detail"}]}, never cached."""
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, no-store"
    return response
