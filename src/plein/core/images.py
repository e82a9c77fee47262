"""Turning an uploaded picture, whatever its format, into a safe, small, predictable file."""

from __future__ import annotations

import io
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

# Phones (iPhones in particular) upload HEIC; Pillow reads it once this opener is registered.
register_heif_opener()

# Decompression bombs: refuse pictures that would need more pixels than a 60-megapixel camera.
Image.MAX_IMAGE_PIXELS = 60_000_000

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "HEIF", "MPO"}


def _open(upload: IO[bytes]) -> Image.Image:
    size = getattr(upload, "size", None)
    if size is not None and size > settings.PLEIN_MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is too large (%(size)s MB); the maximum is %(max)s MB.")
            % {
                "size": round(size / 1024 / 1024, 1),
                "max": settings.PLEIN_MAX_IMAGE_UPLOAD_BYTES // 1024 // 1024,
            },
            code="too_large",
        )
    try:
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _(
                "This file is not a picture we can read. "
                "Use a JPEG, PNG, GIF, WebP, HEIC or TIFF file."
            ),
            code="invalid_image",
        ) from None
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Pictures in %(format)s format are not supported. Use JPEG, PNG, WebP or HEIC.")
            % {"format": image.format or "?"},
            code="unsupported_format",
        )
    # Honour the camera's orientation, then forget all metadata (location!) by re-encoding.
    return ImageOps.exif_transpose(image)


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent pictures get a white background: JPEG has no transparency."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image


def square_jpeg(upload: IO[bytes], size: int | None = None) -> ContentFile[bytes]:
    """A square JPEG of `size` pixels, cropped around the centre: for photos and avatars."""
    size = size or settings.PLEIN_PROFILE_PHOTO_SIZE
    image = _flatten(_open(upload))
    image = ImageOps.fit(image.convert("RGB"), (size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name="photo.jpg")


def bounded_png(
    upload: IO[bytes], max_width: int = 600, max_height: int = 200
) -> ContentFile[bytes]:
    """A PNG no larger than the box, transparency kept, never enlarged: for logos."""
    image = _open(upload)
    image = image.convert("RGBA")
    image.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name="logo.png")


def bounded_jpeg(upload: IO[bytes], max_side: int) -> tuple[ContentFile[bytes], int, int]:
    """A JPEG whose longest side is at most `max_side` (never enlarged), with its size."""
    image = _flatten(_open(upload))
    image = image.convert("RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name="image.jpg"), image.width, image.height
