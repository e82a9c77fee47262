"""Drawn portraits: a silhouette on a coloured background, standing in for a photo (the demo's
people and persona)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

AVATAR_COLOURS: tuple[tuple[int, int, int], ...] = (
    (29, 92, 130),
    (184, 67, 15),
    (46, 125, 80),
    (120, 72, 140),
    (170, 120, 20),
    (60, 60, 70),
    (150, 50, 80),
    (30, 120, 130),
)
_avatar_cache: dict[tuple[int, int, int], bytes] = {}


def avatar_jpeg(colour: int, figure: int, size: int = 400) -> bytes:
    """A simple portrait silhouette on a coloured background, standing in for a photo."""
    key = (colour, figure, size)
    if key not in _avatar_cache:
        background = AVATAR_COLOURS[colour]
        light = tuple(c + (255 - c) * 3 // 4 for c in background)
        hair = tuple(c // 2 for c in background)
        image = Image.new("RGB", (size, size), background)
        draw = ImageDraw.Draw(image)
        s = size / 400
        draw.ellipse((60 * s, 250 * s, 340 * s, 560 * s), fill=light)  # shoulders
        if figure == 1:  # long hair
            draw.rounded_rectangle((118 * s, 80 * s, 282 * s, 300 * s), 70 * s, fill=hair)
        draw.ellipse((130 * s, 85 * s, 270 * s, 245 * s), fill=light)  # head
        if figure == 2:  # short hair
            draw.chord((128 * s, 78 * s, 272 * s, 200 * s), 180, 360, fill=hair)
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=85)
        _avatar_cache[key] = out.getvalue()
    return _avatar_cache[key]
