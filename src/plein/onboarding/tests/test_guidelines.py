"""The posting guidelines: readable by everyone in their language, safe, edited by the
community manager."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plein.core.selectors import branding_get
from plein.onboarding import guidelines as rules
from plein.onboarding.models import PostingGuidelines
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("onboarding:guidelines")
EDIT = reverse("onboarding:guidelines_edit")
PREVIEW = reverse("onboarding:guidelines_preview")


@pytest.fixture
def cm_client(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    return client


def test_everyone_reads_the_starter_guidelines_in_their_language(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory(language="nl"))
    html = client.get(PAGE).content.decode()
    assert "Wat mag ik hier plaatsen?" in html or "What may I post here?" in html
    assert "<h2>Wees vriendelijk</h2>" in html
    assert "persoonsgegevens" in html.lower()
    assert "{intranet}" not in html and branding_get().intranet_name in html
    assert 'id="guidelines-edit"' not in html  # only for community managers

    client.force_login(PersonFactory(language="en"))
    html = client.get(PAGE).content.decode()
    assert "<h2>Be kind</h2>" in html and "Wees vriendelijk" not in html


def test_the_page_is_for_logged_in_people_only(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(PAGE)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_without_guidelines_the_page_says_so(logged_in_client) -> None:  # type: ignore[no-untyped-def]
    PostingGuidelines.objects.all().delete()
    response = logged_in_client.get(PAGE)
    assert response.status_code == 200
    assert 'id="guidelines-empty"' in response.content.decode()


def test_community_manager_edits_both_languages(cm_client, community_manager) -> None:  # type: ignore[no-untyped-def]
    form = cm_client.get(EDIT)
    assert form.status_code == 200
    assert "Wees vriendelijk" in form.content.decode()  # the current text to start from
    assert 'id="guidelines-edit"' in cm_client.get(PAGE).content.decode()
    response = cm_client.post(EDIT, {"body_nl": "## Doe aardig\nEcht.", "body_en": "## Be nice"})
    assert response.status_code == 302 and response["Location"] == PAGE
    saved = PostingGuidelines.objects.get()
    assert (saved.body_nl, saved.body_en) == ("## Doe aardig\nEcht.", "## Be nice")
    assert saved.updated_by == community_manager
    community_manager.language = "nl"
    community_manager.save(update_fields=["language"])
    assert "<h2>Doe aardig</h2>" in cm_client.get(PAGE).content.decode()


def test_a_missing_language_is_shown_again_with_what_was_typed(cm_client) -> None:  # type: ignore[no-untyped-def]
    before = PostingGuidelines.objects.get().body_en
    response = cm_client.post(EDIT, {"body_nl": "Mijn nieuwe regels", "body_en": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn nieuwe regels" in html and "errorlist" in html
    assert PostingGuidelines.objects.get().body_en == before


def test_the_first_save_creates_the_guidelines(community_manager) -> None:  # type: ignore[no-untyped-def]
    PostingGuidelines.objects.all().delete()
    saved = rules.guidelines_update(by=community_manager, body_nl="Regels", body_en="Rules")
    assert saved.pk == PostingGuidelines.SINGLETON_PK
    with pytest.raises(ValidationError):
        rules.guidelines_update(by=community_manager, body_nl="Regels", body_en="")


def test_script_in_the_guidelines_does_not_come_out(cm_client, client) -> None:  # type: ignore[no-untyped-def]
    evil = (
        "Hallo <script>alert('x')</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))"
    )
    cm_client.post(EDIT, {"body_nl": evil, "body_en": evil})
    client.force_login(PersonFactory(language="nl"))
    html = client.get(PAGE).content.decode()
    text = html.split('id="guidelines-text"')[1].split("</article>")[0]
    assert "Hallo" in text
    assert "<script" not in text and "<img" not in text and 'href="javascript' not in text


def test_preview_shows_both_texts_rendered_without_saving(cm_client) -> None:  # type: ignore[no-untyped-def]
    before = PostingGuidelines.objects.get().body_nl
    data = {"body_nl": "**Vet** <script>x()</script>", "body_en": "*Italic*"}
    partial = cm_client.post(PREVIEW, data, HTTP_HX_REQUEST="true").content.decode()
    assert "<strong>Vet</strong>" in partial and "<em>Italic</em>" in partial
    assert "<script" not in partial and "<html" not in partial
    page = cm_client.post(PREVIEW, data).content.decode()
    assert "<strong>Vet</strong>" in page and 'id="guidelines-form"' in page
    assert "**Vet**" in page  # the typed text is kept in the form
    assert PostingGuidelines.objects.get().body_nl == before


def test_employees_may_not_edit_the_guidelines(logged_in_client, person) -> None:  # type: ignore[no-untyped-def]
    before = PostingGuidelines.objects.get().body_nl
    assert logged_in_client.get(EDIT).status_code == 403
    assert logged_in_client.post(EDIT, {"body_nl": "x", "body_en": "y"}).status_code == 403
    assert logged_in_client.post(PREVIEW, {"body_nl": "x", "body_en": "y"}).status_code == 403
    assert PostingGuidelines.objects.get().body_nl == before
    with pytest.raises(PermissionDenied):
        rules.guidelines_update(by=person, body_nl="x", body_en="y")
