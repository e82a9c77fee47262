"""add_service_error() shows a service's ValidationError on a form."""

from django import forms
from django.core.exceptions import ValidationError

from plein.core.forms import add_service_error


class TitleForm(forms.Form):
    title = forms.CharField()


def _form() -> TitleForm:
    form = TitleForm({"title": "Hello"})
    assert form.is_valid()
    return form


def test_an_error_for_a_field_of_the_form_goes_to_that_field() -> None:
    form = _form()
    add_service_error(form, ValidationError({"title": "Too long.", "space": "Not yours."}))
    assert form.errors == {"title": ["Too long."], "__all__": ["Not yours."]}


def test_an_error_without_a_field_goes_above_the_form() -> None:
    form = _form()
    add_service_error(form, ValidationError("Not now.", code="closed"))
    assert form.non_field_errors() == ["Not now."]
    assert form.has_error("__all__", code="closed")
    assert "title" not in form.errors


def test_a_list_of_errors_stays_a_list() -> None:
    form = _form()
    add_service_error(form, ValidationError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]
