"""Plein on the phone: the web app manifest, its icons, the service worker and its offline page."""

from __future__ import annotations

import io
import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from PIL import Image

from plein.core import services as core_services
from plein.core.models import Branding
from plein.onboarding import pwa

pytestmark = pytest.mark.django_db

MANIFEST = "/manifest.webmanifest"
SERVICE_WORKER = "/sw.js"


@pytest.fixture
def branding() -> Branding:
    row = Branding.objects.create(
        pk=1, intranet_name="De Kade", primary_colour="#7a1f5c", slogan="Samen sterk"
    )
    cache.clear()
    return row


def _png(colour: str, size: tuple[int, int] = (400, 120)) -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGBA", size, colour).save(out, format="PNG")
    out.seek(0)
    out.name = "logo.png"
    return out


def test_the_manifest_comes_from_the_branding(client, branding) -> None:
    assert reverse("manifest") == MANIFEST
    response = client.get(MANIFEST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    assert "public" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["name"] == "De Kade"
    assert data["short_name"] == "De Kade"
    assert data["description"] == "Samen sterk"
    assert data["start_url"] == "/" and data["scope"] == "/"
    assert data["display"] == "standalone"
    assert data["theme_color"] == data["background_color"] == "#7a1f5c"
    sizes = {(icon["sizes"], icon["type"]) for icon in data["icons"]}
    assert sizes == {("192x192", "image/png"), ("512x512", "image/png")}
    assert {icon["purpose"] for icon in data["icons"]} == {"any", "maskable"}


def test_a_long_name_gets_a_short_name() -> None:
    assert pwa.short_name("Plein") == "Plein"
    assert pwa.short_name("Gemeentelijk Intranet Zuid") == "Gemeentelijk"
    assert len(pwa.short_name("Gemeentelijk Intranet Zuid")) <= pwa.SHORT_NAME_LENGTH


def test_the_icons_are_pngs_of_their_size_on_the_main_colour(client, branding) -> None:
    data = json.loads(client.get(MANIFEST).content)
    for icon in data["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert "max-age" in response["Cache-Control"]
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "PNG"
        size = int(icon["sizes"].split("x")[0])
        assert image.size == (size, size)
        assert image.convert("RGB").getpixel((2, 2)) == (0x7A, 0x1F, 0x5C)
    assert client.get(reverse("onboarding:icon", args=[100])).status_code == 404


def test_the_icon_shows_the_logo_on_a_white_disc(client, branding) -> None:
    plain = Image.open(io.BytesIO(client.get(pwa.icon_url(192)).content)).convert("RGB")
    assert plain.getpixel((96, 40)) == (0x7A, 0x1F, 0x5C)  # no logo: initials only
    core_services.branding_update(
        intranet_name="De Kade",
        primary_colour="#7a1f5c",
        accent_colour="#b8430f",
        logo=_png("#00aa00"),
    )
    url = pwa.icon_url(192)
    assert "?v=" in url
    icon = Image.open(io.BytesIO(client.get(url).content)).convert("RGB")
    assert icon.getpixel((2, 2)) == (0x7A, 0x1F, 0x5C)  # the main colour around
    assert icon.getpixel((96, 96)) == (0, 0xAA, 0)  # the logo in the middle
    assert icon.getpixel((96, 40)) == (255, 255, 255)  # on a white disc


def test_initials_stand_out_on_a_light_colour(branding) -> None:
    branding.primary_colour = "#f5f5f5"
    icon = pwa.draw_icon(branding, 192)
    colours = {colour for _count, colour in icon.getcolors(192 * 192) or []}
    assert (0x11, 0x11, 0x11) in colours  # dark letters on a light background


def test_the_service_worker(client, branding) -> None:
    assert reverse("service_worker") == SERVICE_WORKER
    response = client.get(SERVICE_WORKER)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    offline = reverse("onboarding:offline")
    assert f'const OFFLINE_URL = "{offline}?lang=en";' in script
    # It stores the offline page only, fetched without cookies, and nothing it passes through.
    assert 'credentials: "omit"' in script
    assert "cache.put" not in script and ".put(" not in script
    assert 'request.mode !== "navigate"' in script


def test_a_new_branding_makes_a_new_service_worker(client, branding) -> None:
    first = client.get(SERVICE_WORKER).content
    core_services.branding_update(
        intranet_name="Het Plein", primary_colour="#123456", accent_colour="#b8430f"
    )
    assert client.get(SERVICE_WORKER).content != first


def test_the_offline_page_is_public_and_impersonal(client, person, branding) -> None:
    person.first_name = "Geheimnaam"
    person.save()
    client.force_login(person)
    response = client.get(reverse("onboarding:offline"), {"lang": "en"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "De Kade" in page and "No connection" in page
    assert "Geheimnaam" not in page and "csrfmiddlewaretoken" not in page
    assert "public" in response["Cache-Control"]
    assert 'lang="nl"' in client.get(reverse("onboarding:offline"), {"lang": "nl"}).content.decode()


def test_everything_for_installing_works_without_logging_in(client, branding) -> None:
    for url in (
        MANIFEST,
        SERVICE_WORKER,
        pwa.icon_url(192),
        pwa.icon_url(512),
        reverse("onboarding:offline"),
    ):
        assert client.get(url).status_code == 200, url


def test_every_page_links_the_manifest(client, person, branding) -> None:
    client.force_login(person)
    page = client.get(reverse("people:directory")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert '<meta name="theme-color" content="#7a1f5c">' in page
    assert "onboarding/onboarding.js" in page
    assert reverse("onboarding:icon", args=[192]) in page  # apple-touch-icon
