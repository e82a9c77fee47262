import io
import random

import pytest
from django.core.management.base import OutputWrapper
from faker import Faker

from plein.documents.demo import documents_step
from plein.documents.models import Document, DocumentVersion, Folder
from plein.people.demo import people_step
from plein.spaces.demo import spaces_step

pytestmark = pytest.mark.django_db(transaction=True)


def _rows() -> list[tuple[object, ...]]:
    return [
        *Folder.objects.order_by("name").values_list("name", "space__slug"),
        *Document.objects.order_by("title").values_list(
            "title",
            "folder__name",
            "space__slug",
            "owner_id",
            "review_on",
            "current_version__number",
        ),
        *DocumentVersion.objects.order_by("document__title", "number").values_list(
            "number", "name", "content_type", "file", "uploaded_by_id"
        ),
    ]


def test_demo_documents_are_deterministic_with_real_files() -> None:
    out = OutputWrapper(io.StringIO())
    fake = Faker("nl_NL")
    fake.seed_instance(1)
    rng = random.Random(1)
    people_step(rng=rng, fake=fake, people=40, stdout=out)
    spaces_step(rng=rng, fake=fake, people=40, stdout=out)

    documents_step(rng=random.Random(5), fake=fake, people=40, stdout=out)
    first = _rows()
    assert {"Protocollen", "Handboeken", "Formulieren"} <= set(
        Folder.objects.values_list("name", flat=True)
    )
    assert Document.objects.filter(space=None).count() >= 6
    assert Document.objects.filter(space__slug="projectteam-nieuw-stadhuis").exists()
    assert Document.objects.filter(current_version__number__gte=2).count() >= 2
    datalek = Document.objects.get(title="Protocol datalek melden")
    assert datalek.review_on is not None and datalek.current_version is not None
    for version in DocumentVersion.objects.all():
        with version.file.open("rb") as handle:  # written once the transaction committed
            assert handle.read(4) in (b"%PDF", b"PK\x03\x04")
        assert version.text
    documents_step(rng=random.Random(5), fake=fake, people=40, stdout=out)  # kept as it was
    assert _rows() == first

    Document.objects.update(current_version=None)
    DocumentVersion.objects.all().delete()
    Document.objects.all().delete()
    Folder.objects.filter(parent__isnull=False).delete()
    Folder.objects.all().delete()
    documents_step(rng=random.Random(5), fake=fake, people=40, stdout=out)
    assert _rows() == first
