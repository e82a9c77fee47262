"""The demo step for documents: the organisation-wide library "Protocollen en handboeken" with
folders and versioned documents (real small PDF and DOCX files), and a small library in the
project team's space. Files are written once the transaction commits; their text is extracted
right away (the files are tiny)."""

from __future__ import annotations

import io
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone
from faker import Faker

from plein.people.models import Person
from plein.spaces.models import Membership, Space

from . import files
from .models import Document, DocumentVersion, Folder


@dataclass
class _Doc:
    folder: str
    title: str
    kind: str  # "pdf" or "docx"
    lines: tuple[str, ...]
    versions: int = 1
    review_days: int | None = 365  # days from today; negative: overdue
    description: str = ""


ORGANISATION_FOLDERS = ("Protocollen", "Handboeken", "Formulieren")
ORGANISATION_DOCS = (
    _Doc(
        "Protocollen",
        "Protocol agressie aan de balie",
        "pdf",
        (
            "Blijf rustig en spreek de bezoeker kalm aan.",
            "Druk bij dreiging op de alarmknop onder de balie.",
            "Meld elk incident dezelfde dag bij je leidinggevende.",
        ),
        versions=3,
        description="Wat te doen bij agressie of bedreiging aan de publieksbalie.",
    ),
    _Doc(
        "Protocollen",
        "Protocol datalek melden",
        "pdf",
        (
            "Een datalek meld je direct bij de functionaris gegevensbescherming.",
            "Binnen 72 uur melden we het lek bij de Autoriteit Persoonsgegevens.",
            "Noteer wat er is gebeurd, welke gegevens en hoeveel mensen.",
        ),
        versions=2,
        review_days=-14,
    ),
    _Doc(
        "Protocollen",
        "Bedrijfshulpverlening en ontruiming",
        "pdf",
        (
            "Bij een ontruimingsalarm verlaat je het gebouw via de dichtstbijzijnde uitgang.",
            "Verzamel op het Stadhuisplein bij de vlag.",
            "Volg altijd de aanwijzingen van de BHV'ers op.",
        ),
    ),
    _Doc(
        "Handboeken",
        "Handboek nieuwe medewerkers",
        "docx",
        (
            "Welkom bij Gemeente Voorbeeld!",
            "In dit handboek lees je hoe je eerste weken eruitzien.",
            "Je krijgt een buddy die je wegwijs maakt op de afdeling.",
        ),
        versions=2,
    ),
    _Doc(
        "Handboeken",
        "Schrijfwijzer heldere taal",
        "docx",
        (
            "Schrijf op taalniveau B1: korte zinnen en gewone woorden.",
            "Spreek de lezer aan met u of je, maar wissel niet.",
            "Zet het belangrijkste bovenaan.",
        ),
    ),
    _Doc(
        "Handboeken",
        "Handboek thuiswerken",
        "pdf",
        (
            "Je werkt maximaal drie dagen per week thuis.",
            "Zorg voor een goede werkplek: stoel, scherm en licht.",
            "De thuiswerkvergoeding staat op je loonstrook.",
        ),
    ),
    _Doc(
        "Formulieren",
        "Declaratieformulier reiskosten",
        "docx",
        (
            "Naam:",
            "Afdeling:",
            "Datum en reden van de reis:",
            "Aantal kilometers:",
        ),
        review_days=180,
    ),
    _Doc(
        "Formulieren",
        "Aanvraag verlof",
        "docx",
        ("Naam:", "Soort verlof:", "Van en tot:", "Akkoord leidinggevende:"),
    ),
)
SPACE_SLUG = "projectteam-nieuw-stadhuis"
SPACE_DOCS = (
    _Doc(
        "",
        "Planning verhuizing nieuw stadhuis",
        "pdf",
        (
            "Fase 1: inrichting van de publiekshal.",
            "Fase 2: verhuizing van het archief.",
            "Fase 3: werkplekken per afdeling.",
        ),
        versions=2,
    ),
    _Doc(
        "",
        "Indeling werkplekken",
        "docx",
        ("Per afdeling een vaste teamplek.", "Flexplekken op de tweede verdieping."),
    ),
)


def pdf_bytes(title: str, lines: tuple[str, ...], version: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2025, 1, 1, tzinfo=timezone.get_current_timezone()))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 8, f"Versie {version}", new_x="LMARGIN", new_y="NEXT")
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(title: str, lines: tuple[str, ...], version: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(f"Versie {version}")
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _build(
    plans: tuple[_Doc, ...],
    *,
    space: Space | None,
    folders: dict[str, Folder],
    people: list[int],
    rng: random.Random,
    pending: list[tuple[str, bytes]],
) -> int:
    today = timezone.localdate()
    now = timezone.now()
    count = 0
    for plan in plans:
        owner_id = rng.choice(people)
        document = Document.objects.create(
            space=space,
            folder=folders.get(plan.folder),
            title=plan.title,
            description=plan.description,
            owner_id=owner_id,
            review_on=today + timedelta(days=plan.review_days) if plan.review_days else None,
        )
        version = None
        for number in range(1, plan.versions + 1):
            lines = plan.lines if number == plan.versions else plan.lines[:-1]
            make, content_type = (
                (pdf_bytes, files.PDF) if plan.kind == "pdf" else (docx_bytes, files.DOCX)
            )
            data = make(plan.title, lines, number)
            name = f"documents/{uuid.UUID(int=rng.getrandbits(128)).hex}"
            pending.append((name, data))
            version = DocumentVersion.objects.create(
                document=document,
                number=number,
                file=name,
                name=f"{plan.title.lower().replace(' ', '-')}-v{number}.{plan.kind}",
                content_type=content_type,
                size=len(data),
                uploaded_by_id=rng.choice(people) if number > 1 else owner_id,
                uploaded_at=now
                - timedelta(days=30 * (plan.versions - number) + rng.randint(1, 20)),
                text=files.extract_text(data, content_type),
            )
        document.current_version = version
        document.save(update_fields=["current_version"])
        count += 1
    return count


def documents_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """The organisation-wide protocol library and the project team's documents."""
    if Document.objects.exists():
        stdout.write("  documents: kept as they were")
        return
    editors = list(
        Person.objects.filter(is_active=True, groups__name__in=["editor", "community_manager"])
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    ) or list(Person.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)[:5])
    if not editors:
        stdout.write("  documents: none (no people)")
        return
    pending: list[tuple[str, bytes]] = []
    folders = {
        name: Folder.objects.create(space=None, name=name, created_by_id=editors[0])
        for name in ORGANISATION_FOLDERS
    }
    made = _build(
        ORGANISATION_DOCS, space=None, folders=folders, people=editors, rng=rng, pending=pending
    )
    space = Space.objects.filter(slug=SPACE_SLUG).first()
    in_space = 0
    if space is not None:
        members = list(
            Membership.objects.filter(space=space, state=Membership.State.MEMBER)
            .order_by("person_id")
            .values_list("person_id", flat=True)
        )
        if members:
            in_space = _build(
                SPACE_DOCS, space=space, folders={}, people=members, rng=rng, pending=pending
            )
    storage = DocumentVersion._meta.get_field("file").storage  # type: ignore[attr-defined]

    def _write_files() -> None:
        for name, data in pending:
            storage.delete(name)  # a leftover of an earlier demo with the same seed
            storage.save(name, ContentFile(data))

    transaction.on_commit(_write_files)
    stdout.write(
        f"  documents: {made} in 'Protocollen en handboeken', {in_space} in the project team's "
        f"space, {len(pending)} files"
    )
