import io
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from plein.core.colours import contrast_ratio
from plein.core.models import Branding
from plein.core.selectors import branding_get
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _image(fmt: str = "PNG", size=(800, 300), mode="RGBA") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new(mode, size, (10, 80, 120, 255) if mode == "RGBA" else (10, 80, 120)).save(
        buffer, format=fmt
    )
    buffer.seek(0)
    buffer.name = f"upload.{fmt.lower()}"
    return buffer


def _form(**overrides):
    data = {
        "intranet_name": "De Brug",
        "organisation_name": "Gemeente Voorbeeld",
        "slogan": "Samen weten we meer",
        "primary_colour": "#123456",
        "accent_colour": "#8a2be2",
        "persona_name": "Vera",
        "persona_welcome": "Welkom op De Brug!",
    }
    data.update(overrides)
    return data


def test_defaults_are_readable():
    branding = branding_get()
    assert branding.intranet_name == "Plein"
    assert contrast_ratio(branding.primary_colour, "#ffffff") >= 4.5
    assert contrast_ratio(branding.accent_colour, "#ffffff") >= 4.5


def test_employee_cannot_open_branding_settings(logged_in_client):
    assert logged_in_client.get(reverse("manage:branding")).status_code == 403
    assert logged_in_client.post(reverse("manage:branding"), _form()).status_code == 403
    assert not Branding.objects.exists()


def test_community_manager_changes_branding_and_every_page_shows_it(client, community_manager):
    client.force_login(community_manager)
    data = _form(new_logo=_image(), new_persona_avatar=_image("JPEG", (500, 700), "RGB"))
    response = client.post(reverse("manage:branding"), data)
    assert response.status_code == 302
    branding = Branding.objects.get()
    assert branding.intranet_name == "De Brug"
    assert branding.persona_name == "Vera"
    assert branding.primary_colour == "#123456"
    with Image.open(branding.logo.path) as logo:
        assert logo.format == "PNG" and logo.size == (533, 200)
    with Image.open(branding.persona_avatar.path) as avatar:
        assert avatar.format == "JPEG" and avatar.size == (400, 400)

    home = client.get(reverse("core:home")).content.decode()
    assert "<title>Start · De Brug</title>" in home
    assert "--brand:#123456" in home
    assert "Welkom op De Brug!" in home
    assert "Vera" in home
    client.logout()
    login_page = client.get(reverse("accounts:login")).content.decode()
    assert "De Brug" in login_page and "Samen weten we meer" in login_page
    assert client.get(reverse("core:branding_logo")).status_code == 200


def test_low_contrast_colour_is_refused_and_the_form_keeps_what_was_typed(
    client, community_manager
):
    client.force_login(community_manager)
    response = client.post(reverse("manage:branding"), _form(primary_colour="#ffee88"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "contrast" in content
    assert 'value="De Brug"' in content
    assert not Branding.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_with_a_message(client, community_manager):
    client.force_login(community_manager)
    bad = io.BytesIO(b"%PDF-1.4 definitely not a picture")
    bad.name = "logo.png"
    response = client.post(reverse("manage:branding"), _form(new_logo=bad))
    assert response.status_code == 200
    assert "not a picture we can read" in response.content.decode()
    assert not Branding.objects.exists()


def test_removing_the_logo_deletes_the_file(
    client, community_manager, django_capture_on_commit_callbacks
):
    client.force_login(community_manager)
    client.post(reverse("manage:branding"), _form(new_logo=_image()))
    path = Path(Branding.objects.get().logo.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("manage:branding"), _form(remove_logo="on"))
    assert not Branding.objects.get().logo
    assert not path.exists()
    assert client.get(reverse("core:branding_logo")).status_code == 404


def test_management_hub_lists_only_what_a_person_may_do(client, community_manager):
    client.force_login(community_manager)
    content = client.get(reverse("core:manage")).content.decode()
    assert reverse("manage:branding") in content
    assert reverse("manage:people") not in content
    employee = PersonFactory()
    client.force_login(employee)
    assert client.get(reverse("core:manage")).status_code == 403
