"""Plein as an app on the phone: the web app manifest, its icons, and a minimal service worker.

The manifest (`/manifest.webmanifest`) and the service worker (`/sw.js`) are served at the root
(a service worker only controls the pages at and below its own address); config/urls.py names
them `manifest` and `service_worker`. All of it is public: browsers fetch the manifest and the
icons without cookies, and nothing in them is personal.

The service worker keeps one thing: a page saying the intranet cannot be reached, fetched
without cookies. Everything else goes to the network as usual; pages of a logged-in person are
never stored.
"""

from __future__ import annotations

import hashlib
import io
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET
from PIL import Image, ImageDraw, ImageFont, ImageOps

from plein.core.colours import WHITE, contrast_ratio
from plein.core.models import Branding
from plein.core.selectors import branding_get

ICON_SIZES = (192, 512)
SHORT_NAME_LENGTH = 12  # what fits under an icon on a home screen
# Change when the service worker's behaviour changes, so browsers install the new one.
SERVICE_WORKER_VERSION = 1
MANIFEST_SECONDS = 60 * 60
ICON_SECONDS = 7 * 24 * 60 * 60  # icon addresses carry the branding's version
OFFLINE_SECONDS = 24 * 60 * 60


def _brand_version(brand: Branding) -> str:
    return brand.updated_at.strftime("%Y%m%d%H%M%S%f") if brand.updated_at else "0"


def short_name(name: str) -> str:
    """The name under the icon: the intranet's name, or its first word when that is long."""
    name = name.strip()
    if len(name) <= SHORT_NAME_LENGTH:
        return name
    return name.split()[0][:SHORT_NAME_LENGTH]


def icon_url(size: int, brand: Branding | None = None) -> str:
    brand = brand or branding_get()
    return f"{reverse('onboarding:icon', args=[size])}?v={_brand_version(brand)}"


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    brand = branding_get()
    icons = [
        {
            "src": icon_url(size, brand),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for size in ICON_SIZES
        # The picture stays inside the middle circle, so the same file serves as maskable icon.
        for purpose in ("any", "maskable")
    ]
    data = {
        "id": "/",
        "name": brand.intranet_name,
        "short_name": short_name(brand.intranet_name),
        "description": brand.slogan or brand.organisation_name or brand.intranet_name,
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": brand.primary_colour,
        "background_color": brand.primary_colour,
        "icons": icons,
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/manifest+json; charset=utf-8",
    )
    response["Cache-Control"] = f"public, max-age={MANIFEST_SECONDS}"
    response["Vary"] = "Accept-Language, Cookie"
    return response


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _initials(name: str) -> str:
    words = [word for word in name.split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "P"


def _paste_centred(canvas: Image.Image, picture: Image.Image, box: int) -> None:
    picture = picture.convert("RGBA")
    picture.thumbnail((box, box), Image.Resampling.LANCZOS)
    x = (canvas.width - picture.width) // 2
    y = (canvas.height - picture.height) // 2
    canvas.paste(picture, (x, y), picture)


def _open_stored(field: object) -> Image.Image | None:
    name = getattr(field, "name", "")
    if not name:
        return None
    try:
        with field.storage.open(name, "rb") as handle:  # type: ignore[attr-defined]
            picture = Image.open(handle)
            picture.load()
            return picture
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def draw_icon(brand: Branding, size: int) -> Image.Image:
    """A square icon on the main colour: the logo on a white disc, else the persona's picture,
    else the intranet's initials. The picture stays inside the middle 80% circle that phones
    keep when they cut icons to their own shape."""
    canvas = Image.new("RGBA", (size, size), brand.primary_colour)
    draw = ImageDraw.Draw(canvas)
    disc = round(size * 0.72)
    margin = (size - disc) // 2
    logo = _open_stored(brand.logo)
    persona = None if logo else _open_stored(brand.persona_avatar)
    if logo is not None:
        draw.ellipse((margin, margin, margin + disc, margin + disc), fill=WHITE)
        _paste_centred(canvas, logo, round(disc * 0.7))
    elif persona is not None:
        face = ImageOps.fit(persona.convert("RGB"), (disc, disc), Image.Resampling.LANCZOS)
        mask = Image.new("L", (disc, disc), 0)
        ImageDraw.Draw(mask).ellipse((0, 0, disc - 1, disc - 1), fill=255)
        canvas.paste(face, (margin, margin), mask)
    else:
        ink = WHITE if contrast_ratio(brand.primary_colour, WHITE) >= 3 else "#111111"
        text = _initials(brand.intranet_name)
        font = _font(round(size * (0.46 if len(text) == 1 else 0.36)))
        draw.text(
            (size / 2, size / 2),
            text,
            fill=ink,
            font=font,
            anchor="mm",
            stroke_width=max(1, size // 64),
            stroke_fill=ink,
        )
    return canvas.convert("RGB")


def icon_png(size: int) -> bytes:
    brand = branding_get()
    key = f"plein:pwa:icon:v1:{size}:{_brand_version(brand)}:{brand.primary_colour}"
    data = cache.get(key)
    if data is None:
        out = io.BytesIO()
        draw_icon(brand, size).save(out, format="PNG", optimize=True)
        data = out.getvalue()
        cache.set(key, data, ICON_SECONDS)
    return data


@require_GET
def icon(request: HttpRequest, size: int) -> HttpResponse:
    if size not in ICON_SIZES:
        raise Http404
    response = HttpResponse(icon_png(size), content_type="image/png")
    response["Cache-Control"] = f"public, max-age={ICON_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """The page the service worker shows when the intranet cannot be reached. Nothing personal:
    it is stored in the browser. `?lang=` chooses its language (it is fetched without cookies)."""
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(request, "onboarding/offline.html")
    response["Cache-Control"] = f"public, max-age={OFFLINE_SECONDS}"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    brand = branding_get()
    language = translation.get_language() or settings.LANGUAGE_CODE
    offline_url = f"{reverse('onboarding:offline')}?lang={language}"
    version = hashlib.sha256(
        f"{SERVICE_WORKER_VERSION}:{_brand_version(brand)}:{language}".encode()
    ).hexdigest()[:12]
    script = render_to_string(
        "onboarding/sw.js",
        {
            "offline_url": json.dumps(offline_url),
            "cache_name": json.dumps(f"plein-offline-{version}"),
        },
    )
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Browsers look for a new version on every visit; nothing in between should keep it.
    response["Cache-Control"] = "no-cache"
    return response
