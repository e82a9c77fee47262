"""Forms for writing news and filtering the archive. Saving goes through services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from plein.core.forms import IMAGE_ACCEPT
from plein.people.models import Department, Location
from plein.posts.forms import MultipleFileField
from plein.posts.models import Post
from plein.posts.services import ImageUpload, Reach

from .models import NewsItem

LOCAL_MOMENT = "%Y-%m-%dT%H:%M"


class _MomentInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=LOCAL_MOMENT)


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    lead = forms.CharField(
        label=_("Lead"),
        max_length=300,
        help_text=_("One or two sentences shown in the stream and the archive."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=Post._meta.get_field("body").max_length,
        help_text=_("Markdown works: **bold**, _italic_, lists and links."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    image = forms.FileField(
        label=_("Image"), required=False, widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT})
    )
    image_alt = forms.CharField(
        label=_("Description of the image"),
        required=False,
        max_length=500,
        help_text=_("Required with an image: what it shows, for colleagues who cannot see it."),
    )
    attachments = MultipleFileField(label=_("Files"), required=False)
    departments = forms.ModelMultipleChoiceField(
        label=_("For departments"),
        queryset=Department.objects.order_by("name"),
        required=False,
        help_text=_(
            "Leave empty for everyone. A department includes its sub-departments. "
            "Hold Ctrl (or Cmd) to choose several."
        ),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("For locations"),
        queryset=Location.objects.order_by("name"),
        required=False,
        help_text=_("Leave empty for every location. With departments too, either one reaches."),
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=_MomentInput(),
        input_formats=[LOCAL_MOMENT],
        help_text=_("Dutch time. Leave empty to publish now."),
    )
    hidden_after = forms.DateTimeField(
        label=_("Take down at"),
        required=False,
        widget=_MomentInput(),
        input_formats=[LOCAL_MOMENT],
        help_text=_("Dutch time. Leave empty to keep it online."),
    )
    featured = forms.BooleanField(label=_("Feature on the start page"), required=False)
    must_read = forms.BooleanField(
        label=_("Must read"),
        required=False,
        help_text=_("Everyone it reaches is asked to confirm they have read it."),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)
    remove_attachments = forms.TypedMultipleChoiceField(
        label=_("Remove files"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, item: NewsItem | None = None, **kwargs: Any) -> None:
        if item is not None and "data" not in kwargs and not args:
            post = item.post
            kwargs["initial"] = {
                "title": post.title,
                "lead": item.lead,
                "body": post.body,
                "image_alt": item.image_alt,
                "departments": list(post.audience_departments.all()),
                "locations": list(post.audience_locations.all()),
                "publish_at": timezone.localtime(post.created_at),
                "hidden_after": post.hidden_after and timezone.localtime(post.hidden_after),
                "featured": item.featured,
                "must_read": item.must_read,
            }
        super().__init__(*args, **kwargs)
        self.item = item
        if item is None or not item.image:
            del self.fields["remove_image"]
        attachments = list(item.post.attachments.all()) if item is not None else []
        if attachments:
            self.fields["remove_attachments"].choices = [  # type: ignore[attr-defined]
                (attachment.pk, attachment.name) for attachment in attachments
            ]
        else:
            del self.fields["remove_attachments"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for colleagues who cannot see it."))
        return data

    @property
    def image_upload(self) -> ImageUpload | None:
        image = self.cleaned_data.get("image")
        return ImageUpload(image, self.cleaned_data.get("image_alt") or "") if image else None

    @property
    def reach(self) -> Reach:
        data = self.cleaned_data
        publish_at = data.get("publish_at")
        if self.item is not None and publish_at is not None:
            # The field shows minutes: an unchanged moment keeps its seconds (and its place).
            current = self.item.post.created_at.replace(second=0, microsecond=0)
            if publish_at == current:
                publish_at = None
        return Reach(
            publish_at=publish_at,
            hidden_after=data.get("hidden_after"),
            departments=list(data.get("departments") or []),
            locations=list(data.get("locations") or []),
        )


class ArchiveFilterForm(forms.Form):
    q = forms.CharField(label=_("Search in titles and leads"), required=False, max_length=100)
    department = forms.ModelChoiceField(
        label=_("For department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )
    location = forms.ModelChoiceField(
        label=_("For location"),
        queryset=Location.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All")), *[(str(n), name) for n, name in MONTHS.items()]],
    )
    must_read = forms.BooleanField(label=_("Must read only"), required=False)
    featured = forms.BooleanField(label=_("Featured only"), required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All")), *[(str(y), str(y)) for y in years]]  # type: ignore[attr-defined]
