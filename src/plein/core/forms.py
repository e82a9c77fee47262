from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .colours import WHITE, contrast_ratio
from .models import Branding

IMAGE_ACCEPT = (
    "image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,image/tiff,image/bmp"
)


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message at its field if the error
    names one the form has, above the form (a non-field error) otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class BrandingForm(forms.ModelForm):
    new_logo = forms.FileField(
        label=_("Upload a logo"),
        required=False,
        help_text=_(
            "PNG with a transparent background works best. It is shown at most 40 pixels high."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    new_persona_avatar = forms.FileField(
        label=_("Upload a persona picture"),
        required=False,
        help_text=_("A face or character; it is cropped to a square."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_persona_avatar = forms.BooleanField(
        label=_("Remove the current persona picture"), required=False
    )

    class Meta:
        model = Branding
        fields = [
            "intranet_name",
            "organisation_name",
            "slogan",
            "primary_colour",
            "accent_colour",
            "persona_name",
            "persona_welcome",
            "persona_welcome_en",
        ]
        widgets = {
            "primary_colour": forms.TextInput(attrs={"type": "color"}),
            "accent_colour": forms.TextInput(attrs={"type": "color"}),
            "persona_welcome": forms.Textarea(attrs={"rows": 4}),
            "persona_welcome_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "intranet_name": _(
                "The name everyone sees, for example the winner of a naming contest."
            ),
            "primary_colour": _("Used for the header; white text must be readable on it."),
            "accent_colour": _("Used for buttons."),
            "persona_name": _("The name and face who presents the intranet, for example 'Vicky'."),
            "persona_welcome": _(
                "Shown on the start page, signed by the persona. Write {persona} and {intranet} "
                "where the names go: the text then follows a new name."
            ),
            "persona_welcome_en": _(
                "For colleagues who read the intranet in English. Left empty, they see the "
                "Dutch text."
            ),
        }

    def clean_primary_colour(self) -> str:
        colour = self.cleaned_data["primary_colour"].lower()
        ratio = contrast_ratio(colour, WHITE)
        if ratio < 4.5:
            raise forms.ValidationError(
                _(
                    "White text on this colour has a contrast of %(ratio).1f:1; at least 4.5:1 is "
                    "needed to be readable (WCAG). Choose a darker colour."
                ),
                params={"ratio": ratio},
                code="low_contrast",
            )
        return colour
