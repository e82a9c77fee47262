"""Forms for the marketplace. Saving goes through services.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.core.forms import IMAGE_ACCEPT
from plein.people.models import Location

from .models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, Listing
from .services import REPLY_MAX_LENGTH, ListingData, PhotoUpload


class MarketFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Offered or wanted"),
        required=False,
        choices=[("", _("Both")), *Listing.Kind.choices],
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Listing.Category.choices],
    )
    location = forms.ModelChoiceField(
        label=_("Location"),
        required=False,
        queryset=Location.objects.order_by("name"),
        empty_label=_("All locations"),
    )
    free = forms.BooleanField(label=_("Only free"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class ListingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I…"),
        choices=[
            (Listing.Kind.OFFER, _("offer something")),
            (Listing.Kind.WANTED, _("am looking for something")),
        ],
        initial=Listing.Kind.OFFER,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *Listing.Category.choices]
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    price = forms.DecimalField(
        label=_("Price in euros"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("1000000"),
        decimal_places=2,
        help_text=_("Leave empty when it is free."),
        # Shown and read as the page's language writes amounts: "12,50" in Dutch.
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    location = forms.ModelChoiceField(
        label=_("Location"),
        required=False,
        queryset=Location.objects.order_by("name"),
        empty_label=_("No particular location"),
    )
    place = forms.CharField(
        label=_("Where exactly"),
        required=False,
        max_length=120,
        help_text=_("For example: the third floor, or a town for a lift share."),
    )
    photo = forms.FileField(
        label=_("Photo"), required=False, widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT})
    )
    photo_alt = forms.CharField(
        label=_("Description of the photo"),
        required=False,
        max_length=500,
        help_text=_("Required with a photo: what it shows, for colleagues who cannot see it."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args: Any, listing: Listing | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if listing is None or not listing.photo:
            del self.fields["remove_photo"]

    @staticmethod
    def initial_for(listing: Listing) -> dict[str, Any]:
        return {
            "kind": listing.kind,
            "title": listing.title,
            "category": listing.category,
            "description": listing.description,
            "price": None
            if listing.price_cents is None
            else Decimal(listing.price_cents).scaleb(-2),
            "location": listing.location,
            "place": listing.place,
            "photo_alt": listing.photo_alt,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("photo") and not (data.get("photo_alt") or "").strip():
            self.add_error("photo_alt", _("Describe the photo for colleagues who cannot see it."))
        return data

    def listing_data(self) -> ListingData:
        data = self.cleaned_data
        price = data.get("price")
        return ListingData(
            kind=data["kind"],
            title=data["title"],
            category=data["category"],
            description=data.get("description") or "",
            price_cents=None if price is None else int(price * 100),
            location=data.get("location"),
            place=data.get("place") or "",
        )

    @property
    def photo_upload(self) -> PhotoUpload | None:
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        return PhotoUpload(file=photo, alt_text=self.cleaned_data.get("photo_alt") or "")


class ReplyForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the owner"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The owner gets it by e-mail, with your e-mail address to answer you."),
    )
