"""Paper sizes, fonts and colours shared by the launch materials.

The pages are laid out in millimetres of an unscaled page; `PT_PER_MM` converts to points. The
fonts (DejaVu Sans) ship in the launch app's ./fonts folder so that Dutch text, € and “quotes”
print everywhere (the adoption charts measure their labels with the same font).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from plein.core.colours import WHITE, contrast_ratio
from plein.core.models import Branding

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "DejaVu"
PT_PER_MM = 72 / 25.4
A4_MM = (210.0, 297.0)
A6_MM = (105.0, 148.0)
# A3 is A4 scaled by √2; 297/210 keeps the width exact (420.04 mm high instead of 420).
POSTER_SCALES: dict[str, float] = {"a4": 1.0, "a3": 297 / 210}
# Office printers leave 4 to 6 mm blank; nothing that matters comes closer to the edge than this.
SAFE_MARGIN = 12.0

PosterSize = Literal["a4", "a3"]

# fpdf2 subsets the fonts with fontTools, which reports every step at INFO: dozens of lines per PDF.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)
logging.getLogger("fontTools.ttLib").setLevel(logging.WARNING)


# -- colours ----------------------------------------------------------------------------------

INK = "#1b1f24"
MUTED = "#55606b"
LINE = "#cfd5dc"
PAGE_GREY = "#f3f4f6"
BAR_GREY = "#c9cfd6"


def rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way towards `other`."""
    a, b = rgb(colour), rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _readable_on(background: str) -> str:
    return WHITE if contrast_ratio(background, WHITE) >= 4.5 else "#111111"


@dataclass(frozen=True)
class Palette:
    primary: str
    accent: str
    on_primary: str
    on_accent: str
    primary_text: str  # the primary colour where it is readable as text on white, ink otherwise
    accent_text: str
    tint: str  # a pale primary, for backgrounds
    accent_tint: str
    nav_current: str  # the darker primary of the current menu item
    qr_dark: str

    @classmethod
    def of(cls, branding: Branding) -> Palette:
        primary, accent = branding.primary_colour or "#1d5c82", branding.accent_colour or "#b8430f"
        return cls(
            primary=primary,
            accent=accent,
            on_primary=_readable_on(primary),
            on_accent=_readable_on(accent),
            primary_text=primary if contrast_ratio(primary, WHITE) >= 4.5 else INK,
            accent_text=accent if contrast_ratio(accent, WHITE) >= 4.5 else INK,
            tint=mix(primary, WHITE, 0.88),
            accent_tint=mix(accent, WHITE, 0.86),
            nav_current=mix(primary, "#000000", 0.22),
            # Scanners want a dark code on a light ground: the primary colour only when dark enough.
            qr_dark=primary if contrast_ratio(primary, WHITE) >= 7 else "#111111",
        )
