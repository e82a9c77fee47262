"""Every text field of every form in Plein has a maximum length, so that no input reaches the
database (or a search) unchecked: a form with a field added later without one fails here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import plein

pytestmark = pytest.mark.django_db


def _form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(plein.__path__, "plein."):
        name = module_info.name
        if any(part in name for part in (".tests", ".migrations", ".config.settings")):
            continue
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                found[f"{name}.{cls.__qualname__}"] = cls
    return [found[key] for key in sorted(found)]


def _fields(cls: type[forms.BaseForm]) -> dict[str, forms.Field]:
    """The form's fields as built, also those added in __init__; keyword arguments the form
    requires are given as None where that works, else the declared fields are used."""
    required = [
        parameter.name
        for parameter in inspect.signature(cls.__init__).parameters.values()
        if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    ]
    try:
        return dict(cls(**dict.fromkeys(required)).fields)
    except Exception:
        return dict(cls.base_fields)


def test_the_walk_finds_the_forms() -> None:
    names = {cls.__name__ for cls in _form_classes()}
    assert {"AskForm", "PostForm", "ProfileForm", "ListingForm", "GoalForm"} <= names


def test_every_text_field_has_a_maximum_length() -> None:
    missing = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in _form_classes()
        for name, field in _fields(cls).items()
        if isinstance(field, forms.CharField)
        and field.max_length is None
        # Passwords are hashed, never stored or searched as typed.
        and not isinstance(field.widget, forms.PasswordInput)
    ]
    assert missing == []
