"""The marketplace in Chromium: put something on the market, a colleague finds it and replies;
the owner marks it done."""

import pytest
from django.core import mail

from plein.market.models import Listing
from plein.market.tests.factories import ListingFactory
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_a_listing_and_reply_to_one(visitor):  # type: ignore[no-untyped-def]
    owner = PersonFactory(email="verkoper@example.org")
    buyer = PersonFactory(email="koper@example.org")
    other = ListingFactory(title="Gratis af te halen: boeken", price_cents=None)
    page = visitor.page

    visitor.log_in(owner.email, DEFAULT_PASSWORD)
    visitor.visit("/market/")
    page.click("#market-create")
    page.wait_for_selector("#listing-form")
    visitor.check_accessibility()
    page.fill("#id_title", "Bureaustoel te koop")
    page.click("#listing-save")  # no category: the form comes back with what was typed
    page.wait_for_selector(".form-errors")
    visitor.check_accessibility()
    assert page.input_value("#id_title") == "Bureaustoel te koop"
    page.select_option("#id_category", "furniture")
    page.fill("#id_price", "45")
    page.click("#listing-save")
    page.wait_for_selector("#listing-title")
    visitor.check_accessibility()
    listing = Listing.objects.get(title="Bureaustoel te koop")
    assert listing.price_cents == 4500 and listing.owner == owner

    page.context.clear_cookies()
    visitor.log_in(buyer.email, DEFAULT_PASSWORD)
    visitor.visit("/market/")
    page.check("#id_free")
    visitor.wait_until("document.querySelectorAll('#market-list > li').length === 1")
    visitor.check_accessibility()
    page.click(f"text={other.title}")
    page.wait_for_selector("#market-reply-form")
    visitor.check_accessibility()
    page.fill("#id_message", "Mag ik ze vandaag ophalen?")
    page.click("#market-reply-send")
    page.wait_for_selector("#market-reply-sent")
    visitor.check_accessibility()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [other.owner.email]

    page.context.clear_cookies()
    visitor.log_in(owner.email, DEFAULT_PASSWORD)
    visitor.visit("/market/mine/")
    visitor.check_accessibility()
    page.click(f"#listing-{listing.pk}-done")
    page.wait_for_url(visitor.url("/market/mine/"))
    listing.refresh_from_db()
    assert listing.done_at is not None
