import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from plein.people.models import Location
from plein.people.tests.factories import PersonFactory

from .. import permissions, selectors, services
from ..models import Listing
from ..services import ListingData
from .factories import ListingFactory

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, format="PNG")
    return SimpleUploadedFile("chair.png", out.getvalue(), content_type="image/png")


def test_market_shows_open_listings_only_and_the_queryset_agrees_with_the_rule(person):
    now = timezone.now()
    open_ = ListingFactory()
    expired = ListingFactory(expires_at=now - timedelta(minutes=1))
    done = ListingFactory(done_at=now)
    removed = ListingFactory(removed_at=now)
    assert list(selectors.market(person)) == [open_]
    visible = set(permissions.visible_listings(person))
    for listing in (open_, expired, done, removed):
        assert (listing in visible) == permissions.can_view_listing(person, listing)
    assert removed not in visible
    assert permissions.can_view_listing(removed.owner, removed)


def test_deactivated_person_sees_nothing():
    listing = ListingFactory()
    gone = PersonFactory(is_active=False)
    assert not permissions.visible_listings(gone).exists()
    assert not permissions.can_view_listing(gone, listing)


def test_owner_sees_expired_and_done_under_my_listings_and_can_renew(client):
    owner = PersonFactory()
    expired = ListingFactory(owner=owner, expires_at=timezone.now() - timedelta(days=1))
    done = ListingFactory(owner=owner, done_at=timezone.now())
    ListingFactory()  # someone else's
    client.force_login(owner)
    response = client.get(reverse("market:mine"))
    assert [x.pk for x in response.context["listings"]] == [done.pk, expired.pk]
    client.post(reverse("market:renew", args=[expired.pk]))
    expired.refresh_from_db()
    assert expired.is_open and expired.expires_at > timezone.now() + timedelta(days=29)
    client.post(reverse("market:done", args=[expired.pk]))
    expired.refresh_from_db()
    assert expired.done_at is not None


def test_only_the_owner_edits_renews_or_marks_done(person):
    listing = ListingFactory()
    with pytest.raises(PermissionDenied):
        services.listing_mark_done(actor=person, listing=listing)
    with pytest.raises(PermissionDenied):
        services.listing_renew(actor=person, listing=listing)


def test_reply_emails_the_owner_in_their_language_with_the_senders_address(
    client, django_capture_on_commit_callbacks
):
    owner = PersonFactory(language="en")
    sender = PersonFactory(email="sender@example.org")
    listing = ListingFactory(owner=owner, title="Desk chair")
    client.force_login(sender)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("market:reply", args=[listing.pk]), {"message": "Is it still there?"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert "Desk chair" in message.subject and "Reply to your listing" in message.subject
    assert "sender@example.org" in message.body and "Is it still there?" in message.body


def test_reply_by_htmx_shows_message_sent(client, django_capture_on_commit_callbacks):
    listing = ListingFactory()
    client.force_login(PersonFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("market:reply", args=[listing.pk]), {"message": "Hi"}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert 'id="market-reply-sent"' in response.content.decode()


def test_replies_are_limited_per_hour(client, django_capture_on_commit_callbacks):
    sender = PersonFactory()
    client.force_login(sender)
    listings = ListingFactory.create_batch(6)
    with django_capture_on_commit_callbacks(execute=True):
        for listing in listings[:5]:
            assert (
                client.post(
                    reverse("market:reply", args=[listing.pk]), {"message": "Hi"}
                ).status_code
                == 302
            )
        response = client.post(reverse("market:reply", args=[listings[5].pk]), {"message": "Hi"})
    assert response.status_code == 400
    assert "wait a while" in response.content.decode()
    assert len(mail.outbox) == 5


def test_no_reply_to_own_or_closed_listing(person):
    own = ListingFactory(owner=person)
    done = ListingFactory(done_at=timezone.now())
    for listing in (own, done):
        with pytest.raises(PermissionDenied):
            services.listing_reply(sender=person, listing=listing, message="Hi")


def test_community_manager_removes_a_listing_others_cannot(client, community_manager, person):
    listing = ListingFactory()
    client.force_login(person)
    assert client.post(reverse("market:remove", args=[listing.pk])).status_code == 403
    client.force_login(community_manager)
    assert client.post(reverse("market:remove", args=[listing.pk])).status_code == 302
    listing.refresh_from_db()
    assert listing.removed_at is not None
    client.force_login(person)
    assert client.get(reverse("market:detail", args=[listing.pk])).status_code == 404


def test_create_with_photo_re_encodes_and_needs_alt_text(client, person, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    location = Location.objects.create(name="Zwolle")
    client.force_login(person)
    data = {
        "kind": "offer",
        "title": "Bureaustoel te koop",
        "category": "furniture",
        "price": "12.50",
        "location": location.pk,
        "photo": _png(),
    }
    response = client.post(reverse("market:create"), data)
    assert response.status_code == 400
    assert 'value="Bureaustoel te koop"' in response.content.decode()
    assert not Listing.objects.exists()
    data["photo"] = _png()
    data["photo_alt"] = "A red chair"
    response = client.post(reverse("market:create"), data)
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert listing.price_cents == 1250 and listing.location == location
    assert listing.photo.name.endswith(".jpg") and listing.thumbnail
    assert client.get(reverse("market:photo", args=[listing.pk, "thumb"])).status_code == 200


def test_a_file_that_is_no_picture_is_refused_with_a_message(client, person):
    client.force_login(person)
    response = client.post(
        reverse("market:create"),
        {
            "kind": "wanted",
            "title": "Gezocht: carpool",
            "category": "lift_share",
            "photo": SimpleUploadedFile("x.png", b"not a picture"),
            "photo_alt": "nothing",
        },
    )
    assert response.status_code == 400
    assert "not a picture we can read" in response.content.decode()
    assert not Listing.objects.exists()


def test_free_listing_and_filters(person):
    free = ListingFactory(price_cents=None, title="Gratis boeken", category="books")
    wanted = ListingFactory(kind="wanted", category="lift_share", title="Carpool Zwolle")
    assert list(selectors.market(person, free_only=True)) == [free]
    assert list(selectors.market(person, kind="wanted")) == [wanted]
    assert list(selectors.market(person, category="books")) == [free]
    assert list(selectors.market(person, q="zwolle")) == [wanted]


def test_service_validates(person):
    with pytest.raises(ValidationError):
        services.listing_create(
            owner=person, data=ListingData(kind="offer", title=" ", category="books")
        )


def test_market_page_query_count_is_flat(logged_in_client, django_assert_num_queries):
    ListingFactory.create_batch(3)
    url = reverse("market:list")
    logged_in_client.get(url)
    with django_assert_num_queries(8) as few:
        logged_in_client.get(url)
    ListingFactory.create_batch(10)
    with django_assert_num_queries(len(few.captured_queries)):
        assert logged_in_client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("language", "shown", "small", "in_form"),
    [("nl", "€\xa01.234,50", "€\xa010,00", "1234,50"), ("en", "€1,234.50", "€10.00", "1234.50")],
)
def test_prices_are_written_as_the_pages_language_writes_them(
    client, language, shown, small, in_form
):
    owner = PersonFactory(language=language)
    listing = ListingFactory(owner=owner, price_cents=123450)
    ListingFactory(price_cents=1000)
    client.force_login(owner)
    page = client.get(reverse("market:list")).content.decode()
    assert shown in page and small in page
    assert client.get(listing.get_absolute_url()).content.decode().count(shown) == 1
    edit = client.get(reverse("market:edit", args=[listing.pk])).content.decode()
    assert f'value="{in_form}"' in edit


def test_a_dutch_price_may_be_typed_with_a_comma(client):
    owner = PersonFactory(language="nl")
    client.force_login(owner)
    response = client.post(
        reverse("market:create"),
        {"kind": "offer", "title": "Bureaulamp", "category": "furniture", "price": "12,50"},
    )
    assert response.status_code == 302
    assert Listing.objects.get(title="Bureaulamp").price_cents == 1250
