"""Forms for writing posts and comments. Saving goes through services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from plein.core.forms import IMAGE_ACCEPT

from .models import Post, PostFollow, Reaction
from .services import ImageUpload

IMAGE_SLOTS = 4


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class _FilesForm(forms.Form):
    """Up to four images, each with its own description, and any number of files."""

    attachments = MultipleFileField(label=_("Files"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, IMAGE_SLOTS + 1):
            self.fields[f"image_{n}"] = forms.FileField(
                label=_("Image %(n)s") % {"n": n},
                required=False,
                widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
            )
            self.fields[f"alt_{n}"] = forms.CharField(
                label=_("Description of image %(n)s") % {"n": n},
                required=False,
                max_length=500,
                help_text=_("What the image shows, for colleagues who cannot see it."),
            )

    def image_slots(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [(n, self[f"image_{n}"], self[f"alt_{n}"]) for n in range(1, IMAGE_SLOTS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, IMAGE_SLOTS + 1):
            if data.get(f"image_{n}") and not (data.get(f"alt_{n}") or "").strip():
                self.add_error(
                    f"alt_{n}",
                    _("Describe image %(n)s for colleagues who cannot see it.") % {"n": n},
                )
        return data

    @property
    def images(self) -> list[ImageUpload]:
        return [
            ImageUpload(file=image, alt_text=self.cleaned_data.get(f"alt_{n}") or "")
            for n in range(1, IMAGE_SLOTS + 1)
            if (image := self.cleaned_data.get(f"image_{n}"))
        ]

    @property
    def files_chosen(self) -> bool:
        return bool(self.files)


class PostForm(_FilesForm):
    body = forms.CharField(
        label=_("Message"),
        max_length=Post._meta.get_field("body").max_length,
        help_text=_(
            "Markdown works: **bold**, _italic_, lists and links. Mention with @, tag with #."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "data-mentions": ""}),
    )
    space = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    is_announcement = forms.BooleanField(
        label=_("Announcement to everyone"),
        required=False,
        help_text=_("Shown in everyone's feed."),
    )

    field_order = ["body"]


class PostEditForm(_FilesForm):
    body = forms.CharField(
        label=_("Message"),
        max_length=Post._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8, "data-mentions": ""}),
    )
    remove_images = forms.TypedMultipleChoiceField(
        label=_("Remove images"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    remove_attachments = forms.TypedMultipleChoiceField(
        label=_("Remove files"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, post: Post, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["remove_images"].choices = [  # type: ignore[attr-defined]
            (image.pk, image.alt_text) for image in post.images.all()
        ]
        self.fields["remove_attachments"].choices = [  # type: ignore[attr-defined]
            (attachment.pk, attachment.name) for attachment in post.attachments.all()
        ]


class PreviewForm(forms.Form):
    body = forms.CharField(required=False, max_length=10000)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "data-mentions": ""}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


class FollowPostForm(forms.Form):
    state = forms.ChoiceField(choices=[*PostFollow.State.choices, ("none", _("Neither"))])
