"""Demo marketplace: a few listings, one expired and one done."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Location, Person

from .models import Listing

K, C = Listing.Kind, Listing.Category
# (kind, category, title, description, price in cents or None for free, days ago, state)
LISTINGS = [
    (
        K.OFFER,
        C.FURNITURE,
        "Bureaustoel te koop",
        "Ergonomische bureaustoel, in hoogte verstelbaar. Ophalen op kantoor.",
        4500,
        2,
        "",
    ),
    (
        K.WANTED,
        C.LIFT_SHARE,
        "Gezocht: carpool vanuit Zwolle",
        "Wie rijdt er dagelijks vanuit Zwolle? Ik deel graag de kosten.",
        None,
        1,
        "",
    ),
    (
        K.OFFER,
        C.BOOKS,
        "Gratis af te halen: boeken",
        "Een doos romans en een paar kookboeken. Op = op.",
        None,
        4,
        "",
    ),
    (
        K.OFFER,
        C.TICKETS,
        "Twee kaartjes voor het concert zaterdag",
        "Kan zelf niet meer. Voor de prijs die ik betaalde.",
        7000,
        3,
        "",
    ),
    (K.WANTED, C.SPORTS, "Gezocht: tennismaatje", "Op dinsdagavond, beginnersniveau.", None, 6, ""),
    (
        K.OFFER,
        C.ELECTRONICS,
        "Monitor 27 inch",
        "Werkt prima, kleine kras op de rand.",
        6000,
        9,
        "",
    ),
    (
        K.OFFER,
        C.HOUSING,
        "Kamer te huur in Utrecht",
        "Voor een half jaar, gemeubileerd.",
        55000,
        45,
        "expired",
    ),
    (K.OFFER, C.FURNITURE, "Boekenkast", "Wit, 2 meter hoog.", 2000, 12, "done"),
]


def market_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    if Listing.objects.exists():
        stdout.write("  market: kept as it was")
        return
    owners = list(Person.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
    if not owners:
        stdout.write("  market: none (no people)")
        return
    locations = list(Location.objects.order_by("pk"))
    now = timezone.now()
    rows = []
    for kind, category, title, description, price, days_ago, state in LISTINGS:
        created = now - timedelta(days=days_ago, hours=rng.randrange(8))
        rows.append(
            Listing(
                kind=kind,
                category=category,
                title=title,
                description=description,
                price_cents=price,
                location=rng.choice(locations) if locations else None,
                owner_id=rng.choice(owners),
                created_at=created,
                expires_at=created + timedelta(days=30),
                done_at=now - timedelta(days=1) if state == "done" else None,
            )
        )
    Listing.objects.bulk_create(rows)
    stdout.write(f"  market: {len(rows)} listings")
