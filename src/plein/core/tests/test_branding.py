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


def _home(client, person, language: str) -> str:
    person.language = language
    person.save(update_fields=["language"])
    client.force_login(person)
    return client.get(reverse("core:home")).content.decode()


def test_the_welcome_follows_a_renamed_persona_and_intranet(client, community_manager):
    client.force_login(community_manager)
    welcome = "Hoi, ik ben {persona}! Welkom op {intranet}."
    client.post(reverse("manage:branding"), _form(persona_welcome=welcome))
    assert "Hoi, ik ben Vera! Welkom op De Brug." in _home(client, community_manager, "nl")

    client.post(
        reverse("manage:branding"),
        _form(persona_name="Vicky", intranet_name="Het Plein", persona_welcome=welcome),
    )
    home = _home(client, community_manager, "nl")
    assert "Een woordje van Vicky" in home
    assert "Hoi, ik ben Vicky! Welkom op Het Plein." in home
    assert "Vera" not in home


def test_the_demo_welcome_names_no_one(settings):
    from plein.core.demo import DEMO_BRANDING

    branding = Branding(**DEMO_BRANDING)
    branding.persona_name = "Vicky"
    assert branding.welcome_in("nl").startswith("Hoi, ik ben Vicky! Welkom op Plein,")
    assert branding.welcome_in("en").startswith("Hi, I'm Vicky! Welcome to Plein,")


def test_the_welcome_is_written_per_language_and_falls_back_to_the_other(client, community_manager):
    client.force_login(community_manager)
    client.post(
        reverse("manage:branding"),
        _form(persona_welcome="Welkom, {persona}!", persona_welcome_en="Welcome, {persona}!"),
    )
    assert "Welkom, Vera!" in _home(client, community_manager, "nl")
    english = _home(client, community_manager, "en")
    assert "Welcome, Vera!" in english and "Welkom, Vera!" not in english

    client.post(reverse("manage:branding"), _form(persona_welcome="Welkom, {persona}!"))
    assert Branding.objects.get().persona_welcome_en == ""
    assert "Welkom, Vera!" in _home(client, community_manager, "en")


def test_renaming_elsewhere_keeps_the_english_welcome(community_manager):
    from plein.core import services

    services.branding_update(
        intranet_name="Plein",
        primary_colour="#123456",
        accent_colour="#8a2be2",
        persona_welcome="Hallo",
        persona_welcome_en="Hello",
    )
    services.branding_update(
        intranet_name="De Brug", primary_colour="#123456", accent_colour="#8a2be2"
    )
    assert Branding.objects.get().persona_welcome_en == "Hello"


def test_the_preview_shows_the_typed_welcome_in_both_languages_and_saves_nothing(
    client, community_manager
):
    client.force_login(community_manager)
    page = client.get(reverse("manage:branding")).content.decode()
    assert 'id="branding-preview"' in page
    data = _form(
        persona_name="Vicky",
        persona_welcome="Hoi, ik ben {persona}!",
        persona_welcome_en="Hi, I'm {persona}!",
        preview="1",
    )
    response = client.post(reverse("manage:branding"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hoi, ik ben Vicky!" in html and "Hi, I&#x27;m Vicky!" in html
    assert "Een woordje van Vicky" in html and "A word from Vicky" in html
    assert 'value="Vicky"' in html  # the form keeps what was typed
    assert not Branding.objects.exists()

    partial = client.post(reverse("manage:branding"), data, HTTP_HX_REQUEST="true")
    fragment = partial.content.decode()
    assert fragment.lstrip().startswith('<section id="branding-preview"')
    assert "Hoi, ik ben Vicky!" in fragment and "<form" not in fragment
    assert not Branding.objects.exists()


def test_the_migration_turns_the_current_names_into_placeholders():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("plein.core.migrations.0002_persona_welcome_per_language")
    Branding.objects.create(
        pk=1,
        intranet_name="Plein",
        persona_name="Vera",
        persona_welcome="Hoi, ik ben Vera! Welkom op Plein. Veranderen? Pleinfeest!",
    )
    migration._placeholders(apps, None)
    assert Branding.objects.get().persona_welcome == (
        "Hoi, ik ben {persona}! Welkom op {intranet}. Veranderen? Pleinfeest!"
    )
    migration._names(apps, None)
    assert Branding.objects.get().persona_welcome == (
        "Hoi, ik ben Vera! Welkom op Plein. Veranderen? Pleinfeest!"
    )
