"""The marketplace pages. Thin: parse, check, call one service, render."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.files import stored_image_response
from plein.core.forms import add_service_error
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest

from . import permissions, selectors, services
from .forms import ListingForm, MarketFilterForm, ReplyForm
from .models import Listing

LISTINGS_PER_PAGE = 24
PHOTO_SIZES = {"thumb": "thumbnail", "large": "photo"}


def _listing_or_404(request: AuthenticatedHttpRequest, pk: int) -> Listing:
    listing = selectors.listing_get(request.user, pk)
    if listing is None:
        raise Http404
    return listing


@login_required
@require_safe
def market(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    partial = bool(request.htmx and not request.htmx.history_restore_request)  # type: ignore[attr-defined]
    form = MarketFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    listings = selectors.market(
        user,
        kind=filters.get("kind") or "",
        category=filters.get("category") or "",
        location=filters.get("location"),
        free_only=bool(filters.get("free")),
        q=filters.get("q") or "",
    )
    page_obj = Paginator(listings, LISTINGS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    context = {
        "form": form,
        "page_obj": page_obj,
        "listings": list(page_obj.object_list),
        "filter_query": query,
    }
    template = "market/partials/results.html" if partial else "market/market.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_safe
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    listings = selectors.my_listings(request.user)
    page_obj = Paginator(listings, LISTINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "market/mine.html",
        {
            "page_obj": page_obj,
            "listings": selectors.decorate(list(page_obj.object_list), request.user),
        },
    )


def _detail_context(request: AuthenticatedHttpRequest, listing: Listing) -> dict[str, Any]:
    user = request.user
    return {
        "listing": listing,
        "can_edit": permissions.can_edit_listing(user, listing),
        "can_remove": permissions.can_remove_listing(user, listing),
        "can_reply": permissions.can_reply(user, listing),
    }


@login_required
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    listing = _listing_or_404(request, pk)
    return render(
        request,
        "market/detail.html",
        {**_detail_context(request, listing), "reply_form": ReplyForm()},
    )


@login_required
@require_POST
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    listing = _listing_or_404(request, pk)
    _require(permissions.can_reply(request.user, listing))
    form = ReplyForm(request.POST)
    sent = False
    if form.is_valid():
        try:
            services.listing_reply(
                sender=request.user, listing=listing, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            sent = True
    if sent and not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Your message has been sent to the owner."))
        return redirect(listing)
    context = {**_detail_context(request, listing), "reply_form": ReplyForm() if sent else form}
    context["sent"] = sent
    template = "market/partials/reply.html" if request.htmx else "market/detail.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=200 if sent else 400)


def _form_page(
    request: AuthenticatedHttpRequest, form: ListingForm, listing: Listing | None
) -> HttpResponse:
    return render(
        request,
        "market/form.html",
        {"form": form, "listing": listing},
        status=400 if form.errors else 200,
    )


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_create_listing(request.user))
    form = ListingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            listing = services.listing_create(
                owner=request.user, data=form.listing_data(), photo=form.photo_upload
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your listing is on the market."))
            return redirect(listing)
    return _form_page(request, form, None)


@login_required
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    listing = _listing_or_404(request, pk)
    _require(permissions.can_edit_listing(request.user, listing))
    if request.method == "POST":
        form = ListingForm(request.POST, request.FILES, listing=listing)
    else:
        form = ListingForm(initial=ListingForm.initial_for(listing), listing=listing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.listing_update(
                actor=request.user,
                listing=listing,
                data=form.listing_data(),
                photo=form.photo_upload,
                remove_photo=bool(data.get("remove_photo")),
                photo_alt=data.get("photo_alt") or "",
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(listing)
    return _form_page(request, form, listing)


@login_required
@require_POST
def renew(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    listing = _listing_or_404(request, pk)
    services.listing_renew(actor=request.user, listing=listing)
    messages.success(
        request,
        _("Your listing is on the market again until %(date)s.")
        % {"date": date_format(timezone.localtime(listing.expires_at), "DATE_FORMAT")},
    )
    return redirect((request.POST.get("next") == "mine" and "market:mine") or listing)


@login_required
@require_POST
def done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    listing = _listing_or_404(request, pk)
    services.listing_mark_done(actor=request.user, listing=listing)
    messages.success(request, _("Marked as done: the listing is no longer on the market."))
    return redirect((request.POST.get("next") == "mine" and "market:mine") or listing)


@login_required
@require_POST
def remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    listing = _listing_or_404(request, pk)
    services.listing_remove(actor=request.user, listing=listing)
    messages.success(request, _("The listing has been removed from the market."))
    return redirect("market:list")


@login_required
@require_safe
def photo(request: AuthenticatedHttpRequest, pk: int, size: str) -> FileResponse:
    if size not in PHOTO_SIZES:
        raise Http404
    listing = _listing_or_404(request, pk)
    return stored_image_response(
        getattr(listing, PHOTO_SIZES[size]), content_type="image/jpeg", public=False
    )
