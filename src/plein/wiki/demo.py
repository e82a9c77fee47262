"""The demo step for the wiki: small trees of working instructions in two department spaces,
with a few versions by different members and [[links]] between pages. Deterministic and fast."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from plein.posts.services import render_body
from plein.spaces.models import Membership, Space

from .models import Page, PageRevision

# space slug -> pages as (title, parent title or "", versions of the text, oldest first)
WIKIS: dict[str, list[tuple[str, str, list[str]]]] = {
    "afdeling-burgerzaken": [
        (
            "Werkinstructies",
            "",
            [
                "Alle werkinstructies van Burgerzaken op één plek.\n\n"
                "- [[Paspoort aanvragen]]\n- [[Rijbewijs verlengen]]\n- [[Verhuizing verwerken]]",
            ],
        ),
        (
            "Paspoort aanvragen",
            "Werkinstructies",
            [
                "## Wat neemt de klant mee?\n\n- het oude paspoort\n- een pasfoto",
                "## Wat neemt de klant mee?\n\n- het oude paspoort of de identiteitskaart\n"
                "- een pasfoto van hooguit zes maanden oud\n\n## Afhandeling\n\n"
                "Controleer de gegevens in de BRP. Spoed? Zie [[Spoedaanvraag reisdocument]].",
            ],
        ),
        (
            "Spoedaanvraag reisdocument",
            "Paspoort aanvragen",
            [
                "Een spoedaanvraag is de volgende werkdag klaar. Vraag de spoedtoeslag en noteer "
                "het afhaalmoment.",
            ],
        ),
        (
            "Rijbewijs verlengen",
            "Werkinstructies",
            [
                "Verlengen kan vanaf drie maanden voor de vervaldatum.",
                "Verlengen kan vanaf drie maanden voor de vervaldatum. Vanaf 75 jaar is een "
                "Verklaring van geschiktheid nodig (CBR).\n\nZie ook [[Paspoort aanvragen]] voor "
                "de pasfoto-eisen.",
            ],
        ),
        (
            "Veelgestelde vragen aan de balie",
            "",
            [
                "**Kan ik zonder afspraak komen?** Nee, plan een afspraak via de website.",
            ],
        ),
    ],
    "afdeling-sociaal-domein": [
        (
            "Werkinstructies Sociaal Domein",
            "",
            [
                "- [[Wmo-aanvraag behandelen]]\n- [[Keukentafelgesprek]]",
            ],
        ),
        (
            "Wmo-aanvraag behandelen",
            "Werkinstructies Sociaal Domein",
            [
                "1. Melding registreren\n2. Binnen zes weken onderzoek afronden",
                "1. Melding registreren binnen een werkdag\n2. Plan een [[Keukentafelgesprek]]\n"
                "3. Binnen zes weken onderzoek afronden\n4. Beschikking binnen twee weken na de "
                "aanvraag",
                "1. Melding registreren binnen een werkdag\n2. Plan een [[Keukentafelgesprek]]\n"
                "3. Binnen zes weken onderzoek afronden, verslag naar de inwoner\n4. Beschikking "
                "binnen twee weken na de aanvraag",
            ],
        ),
        (
            "Keukentafelgesprek",
            "Werkinstructies Sociaal Domein",
            [
                "Bespreek wat de inwoner zelf kan, met hulp van het netwerk, en waar ondersteuning "
                "nodig is. Wijs op gratis onafhankelijke cliëntondersteuning.",
            ],
        ),
    ],
}


def wiki_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    if Page.objects.exists():
        stdout.write("  wiki: kept as it was")
        return
    spaces = {s.slug: s for s in Space.objects.filter(slug__in=WIKIS)}
    now = timezone.now().replace(microsecond=0)
    pages_made = revisions_made = 0
    for slug, plans in WIKIS.items():
        space = spaces.get(slug)
        if space is None:
            continue
        members = list(
            Membership.objects.filter(
                space=space, state=Membership.State.MEMBER, person__is_active=True
            )
            .order_by("person_id")
            .values_list("person_id", flat=True)[:50]
        )
        if not members:
            continue
        by_title: dict[str, Page] = {}
        revisions: list[PageRevision] = []
        for position, (title, parent, versions) in enumerate(plans):
            editors = [rng.choice(members) for _ in versions]
            moments = [
                now - timedelta(days=30 - 7 * i, hours=rng.randint(0, 8))
                for i in range(len(versions))
            ]
            page = Page.objects.create(
                space=space,
                parent=by_title.get(parent),
                title=title,
                slug=slugify(title),
                body=versions[-1],
                body_html=render_body(versions[-1])[0].html,
                position=position,
                revision=len(versions),
                created_by_id=editors[0],
                created_at=moments[0],
                updated_by_id=editors[-1],
                updated_at=moments[-1],
            )
            by_title[title] = page
            revisions += [
                PageRevision(
                    page=page,
                    number=n + 1,
                    title=title,
                    body=body,
                    edited_by_id=editor,
                    edited_at=moment,
                )
                for n, (body, editor, moment) in enumerate(
                    zip(versions, editors, moments, strict=True)
                )
            ]
        PageRevision.objects.bulk_create(revisions)
        pages_made += len(plans)
        revisions_made += len(revisions)
    stdout.write(f"  wiki: {pages_made} pages with {revisions_made} versions")
