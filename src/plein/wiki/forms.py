"""Forms for the wiki; saving goes through services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Page
from .selectors import Tree
from .services import MAX_BODY, MAX_TITLE


class ParentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Page) -> str:
        return "\u2014 " * getattr(obj, "depth", 0) + obj.title


def _parent_field(tree: Tree, exclude: set[int]) -> ParentChoiceField:
    choices = [(page, depth) for page, depth in tree.flat() if page.pk not in exclude]
    for page, depth in choices:
        page.depth = depth  # type: ignore[attr-defined]
    field = ParentChoiceField(
        label=_("Place under"),
        required=False,
        queryset=Page.objects.filter(pk__in=[page.pk for page, _depth in choices]),
        empty_label=_("(top level)"),
        help_text=_("The page this one belongs under in the wiki's tree."),
    )
    field.choices = [("", _("(top level)"))] + [  # keep tree order and depth marks
        (page.pk, field.label_from_instance(page)) for page, _depth in choices
    ]
    return field


class PageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 18, "data-mentions": ""}),
        help_text=_(
            "Markdown works: **bold**, _italic_, ## headings, lists and links. Link to another "
            "page of this wiki with [[Page title]]."
        ),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, tree: Tree | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if tree is not None:
            self.fields["parent"] = _parent_field(tree, set())
            self.order_fields(["title", "parent", "body"])


class MoveForm(forms.Form):
    def __init__(self, *args: Any, tree: Tree, page: Page, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"] = _parent_field(tree, {page.pk} | tree.descendants(page))
