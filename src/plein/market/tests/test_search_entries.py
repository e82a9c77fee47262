"""Marketplace listings in the site-wide search: the write paths keep the entry current."""

from collections.abc import Iterator

import pytest

from plein.core.registries.search import KINDS
from plein.core.tests.search_recorder import Recorder, recording
from plein.market import services
from plein.market.permissions import visible_listings
from plein.market.search import listing_entry
from plein.people.tests.factories import LocationFactory, PersonFactory
from plein.search.selectors import search_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed() -> Iterator[Recorder]:
    with recording() as recorder:
        yield recorder


def test_every_write_path_indexes(indexed) -> None:  # type: ignore[no-untyped-def]
    kind = KINDS.get("listing")
    assert kind is not None and kind.visible is visible_listings and kind.entry is listing_entry
    owner = PersonFactory()
    data = services.ListingData(
        kind="offer", title="Fiets", category="other", description="Blauwe fiets"
    )
    listing = services.listing_create(owner=owner, data=data)
    entry = indexed.entries[("listing", listing.pk)]
    assert entry is not None
    assert (entry.title, entry.body, entry.author_id) == ("Fiets", "Blauwe fiets", owner.pk)
    assert entry.url == listing.get_absolute_url()

    data.title = "Racefiets"
    services.listing_update(actor=owner, listing=listing, data=data)
    services.listing_mark_done(actor=owner, listing=listing)
    services.listing_renew(actor=owner, listing=listing)
    services.listing_remove(actor=PersonFactory(roles=["community_manager"]), listing=listing)
    assert indexed.indexed("listing") == [listing.pk] * 5
    assert indexed.entries[("listing", listing.pk)].title == "Racefiets"  # type: ignore[union-attr]


def test_a_listing_is_found_by_its_category_location_and_place(settings) -> None:  # type: ignore[no-untyped-def]
    # The real index (plein.search) and its query; the labels in the site's language.
    settings.LANGUAGE_CODE = "nl"
    owner = PersonFactory()
    data = services.ListingData(
        kind="wanted",
        title="Iets voor de zolder",
        category="furniture",
        description="",
        location=LocationFactory(name="Stadskantoor"),
        place="Derde verdieping",
    )
    listing = services.listing_create(owner=owner, data=data)
    reader = PersonFactory()

    def found(word: str) -> bool:
        return [e.object_id for e in search_entries(reader, word, kinds=["listing"])] == [
            listing.pk
        ]

    assert found("meubels")  # the category
    assert found("gevraagd")  # wanted
    assert found("stadskantoor") and found("verdieping")
    assert not found("elektronica")
