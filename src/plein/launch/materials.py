"""Launch materials, drawn from the branding as print-ready PDFs: a poster, a card and a guide.

Three pure functions return PDF bytes in the active language:

- `poster_pdf`: an A4 or A3 poster (A3 is the A4 layout scaled up) with the intranet's name, the
  persona with a speech bubble, the slogan, the launch date and a big QR code to the login page;
- `card_pdf`: an A6 first-steps card, front (name, persona, QR code) and back (seven steps);
- `guide_pdf`: a four-page A4 quick guide whose pages explain the main screens with drawings of
  those screens (simplified, in the branding's colours, with numbered callouts).

The pages are laid out in millimetres of an unscaled page. For a bigger paper size the PDF's unit
is scaled instead (`_Doc(scale=...)`), so lengths, pictures and font sizes grow together. All
text stays at least `SAFE_MARGIN` mm from the paper's edge, where office printers cannot print.
The fonts (DejaVu Sans) ship in ./fonts so that Dutch text, € and “quotes” print everywhere.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import segno
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext
from fpdf import FPDF
from PIL import Image, UnidentifiedImageError

from plein.core.colours import WHITE, contrast_ratio
from plein.core.models import Branding

FONT_DIR = Path(__file__).resolve().parent / "fonts"
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


def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way towards `other`."""
    a, b = _rgb(colour), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _readable_on(background: str) -> str:
    return WHITE if contrast_ratio(background, WHITE) >= 4.5 else "#111111"


@dataclass(frozen=True)
class _Palette:
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
    def of(cls, branding: Branding) -> _Palette:
        primary, accent = branding.primary_colour or "#1d5c82", branding.accent_colour or "#b8430f"
        return cls(
            primary=primary,
            accent=accent,
            on_primary=_readable_on(primary),
            on_accent=_readable_on(accent),
            primary_text=primary if contrast_ratio(primary, WHITE) >= 4.5 else INK,
            accent_text=accent if contrast_ratio(accent, WHITE) >= 4.5 else INK,
            tint=_mix(primary, WHITE, 0.88),
            accent_tint=_mix(accent, WHITE, 0.86),
            nav_current=_mix(primary, "#000000", 0.22),
            # Scanners want a dark code on a light ground: the primary colour only when dark enough.
            qr_dark=primary if contrast_ratio(primary, WHITE) >= 7 else "#111111",
        )


# -- texts --------------------------------------------------------------------------------------


def _shorten(text: str, limit: int) -> str:
    """Whole sentences up to `limit` characters; failing that, whole words and an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:\u2013- ")
    return f"{cut}…"


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def _babel_locale() -> Locale:
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def launch_date_text(launch_date: dt.date | None) -> str:
    """ "Opens on Monday, March 2, 2026" / "Vanaf maandag 2 maart 2026", in the active language."""
    if launch_date is None:
        return ""
    if isinstance(launch_date, dt.datetime):  # LaunchPlan.launch_date is a moment in time
        launch_date = (
            timezone.localdate(launch_date)
            if timezone.is_aware(launch_date)
            else launch_date.date()
        )
    formatted = format_date(launch_date, format="full", locale=_babel_locale())
    if launch_date < timezone.localdate():
        return _("Open since %(date)s") % {"date": formatted}
    return _("Opens on %(date)s") % {"date": formatted}


def _welcome_line(branding: Branding, limit: int) -> str:
    if branding.welcome:
        return _shorten(branding.welcome, limit)
    return _("Hi, I'm %(persona)s. Come and have a look: %(name)s is for all of us!") % {
        "persona": branding.persona_name,
        "name": branding.intranet_name,
    }


def _display_url(url: str) -> str:
    """The login address as people type it: without https:// (browsers add it)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and not parts.query and not parts.fragment:
        return parts.netloc + parts.path
    return url


def _first_steps() -> list[tuple[str, str]]:
    return [
        (
            _("Log in"),
            _("Scan the code or type the address. Log in with your work e-mail address."),
        ),
        (
            _("Complete your profile, with a photo"),
            _("A photo and a few lines about your work help colleagues find and recognise you."),
        ),
        (
            _("Join a space"),
            _("Under Spaces you find your team, your projects and what you care about."),
        ),
        (
            _("Follow colleagues"),
            _("Their posts then appear in the activity on your start page."),
        ),
        (
            _("React"),
            _("A reaction or a short comment shows that you read it, and encourages the writer."),
        ),
        (
            _("Ask a question"),
            _("Under Questions colleagues who know the answer help you. No question is too small."),
        ),
        (
            _("Add it to your phone's home screen"),
            _("Open the address in your phone's browser and choose “Add to Home screen”."),
        ),
    ]


# -- pictures -----------------------------------------------------------------------------------


def _picture(field: FieldFile) -> Image.Image | None:
    """A stored branding picture as an RGB image, or None when it is missing or unreadable."""
    if not field:
        return None
    try:
        with field.open("rb") as handle:
            image = Image.open(io.BytesIO(handle.read()))
            image.load()
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _square_jpeg(image: Image.Image, side: int = 600) -> bytes:
    """The middle square of a picture as a JPEG: enough for 5 cm at 300 dpi, and small."""
    w, h = image.size
    edge = min(w, h)
    box = ((w - edge) // 2, (h - edge) // 2, (w - edge) // 2 + edge, (h - edge) // 2 + edge)
    square = image.crop(box)
    if edge > side:
        square = square.resize((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    square.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def qr_png(url: str, *, dark: str = "#000000", min_pixels: int = 900) -> bytes:
    """A QR code as a 1-bit PNG with a 4-module quiet zone, whole pixels per module."""
    code = segno.make(url, error="m")
    modules = code.symbol_size(scale=1, border=4)[0]
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="png",
        scale=max(4, math.ceil(min_pixels / modules)),
        border=4,
        dark=dark,
        light="#ffffff",
    )
    return buffer.getvalue()


# -- the document -------------------------------------------------------------------------------


class _Doc(FPDF):
    """An FPDF in millimetres of the unscaled page, with the fonts and a few drawing helpers."""

    def __init__(
        self,
        *,
        page_mm: tuple[float, float],
        scale: float,
        palette: _Palette,
        title: str,
        author: str,
        subject: str,
    ) -> None:
        super().__init__(unit=PT_PER_MM * scale, format=page_mm)
        self.scale = scale
        self.palette = palette
        self.page_w, self.page_h = page_mm
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.c_margin = 0
        self.add_font(FAMILY, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_title(title)
        self.set_author(author)
        self.set_subject(subject)
        self.set_creator("Plein")
        self.set_lang(translation.get_language() or settings.LANGUAGE_CODE)
        self.set_display_mode("fullpage", "single")
        self._lines: dict[tuple[str, float, float, bool, int], list[str]] = {}

    # text

    def font(self, size: float, *, bold: bool = False, colour: str = INK) -> None:
        """`size` in points on the unscaled page."""
        self.set_font(FAMILY, "B" if bold else "", size * self.scale)
        self.set_text_color(*_rgb(colour))

    @staticmethod
    def leading(size: float, factor: float = 1.3) -> float:
        return size / PT_PER_MM * factor

    def width_of(self, text: str, size: float, *, bold: bool = False) -> float:
        self.font(size, bold=bold)
        return self.get_string_width(text)

    def fit_size(
        self, text: str, width: float, largest: float, smallest: float, bold: bool
    ) -> float:
        """The largest size (in 0.5 pt steps) at which `text` fits on one line of `width`."""
        size = largest
        while size > smallest and self.width_of(text, size, bold=bold) > width:
            size -= 0.5
        return size

    def lines(
        self, text: str, width: float, size: float, *, bold: bool = False, max_lines: int = 0
    ) -> list[str]:
        """`text` broken into lines of at most `width` (greedy, at spaces; long words split)."""
        key = (text, round(width, 3), size, bold, max_lines)
        if key in self._lines:
            return self._lines[key]
        self.font(size, bold=bold)
        measure = self.get_string_width
        result: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split():
                candidate = f"{line} {word}" if line else word
                if measure(candidate) <= width:
                    line = candidate
                    continue
                if line:
                    result.append(line)
                while measure(word) > width and len(word) > 1:  # a URL, say: split anywhere
                    cut = len(word) - 1
                    while cut > 1 and measure(word[:cut]) > width:
                        cut -= 1
                    result.append(word[:cut])
                    word = word[cut:]
                line = word
            result.append(line)
        if max_lines and len(result) > max_lines:
            result = result[:max_lines]
            last = result[-1]
            while last and measure(f"{last}…") > width:
                last = last[:-1]
            result[-1] = last.rstrip(" ,;:") + "…"
        self._lines[key] = result
        return result

    def put(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        *,
        size: float,
        bold: bool = False,
        colour: str = INK,
        align: str = "L",
        leading: float = 1.3,
        max_lines: int = 0,
    ) -> float:
        """Wrapped text with its first line's top at `y`; returns the y below the last line."""
        height = self.leading(size, leading)
        found = self.lines(text, width, size, bold=bold, max_lines=max_lines)
        self.font(size, bold=bold, colour=colour)
        for number, line in enumerate(found):
            offset = 0.0
            if align in ("C", "R"):
                spare = width - self.get_string_width(line)
                offset = spare / 2 if align == "C" else spare
            # The baseline where FPDF.cell() would put it in a cell of this height.
            baseline = y + number * height + 0.5 * height + 0.3 * self.font_size
            self.text(x + offset, baseline, line)
        return y + len(found) * height

    def text_height(
        self,
        text: str,
        width: float,
        size: float,
        *,
        bold: bool = False,
        leading: float = 1.3,
        max_lines: int = 0,
    ) -> float:
        return len(self.lines(text, width, size, bold=bold, max_lines=max_lines)) * self.leading(
            size, leading
        )

    def strong(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        *,
        size: float,
        align: str = "L",
        leading: float = 1.3,
        max_lines: int = 0,
    ) -> float:
        """Bold text in the primary colour (or ink, where that is not readable): headings, names
        and the login address; returns the y below it."""
        return self.put(
            x,
            y,
            width,
            text,
            size=size,
            bold=True,
            colour=self.palette.primary_text,
            align=align,
            leading=leading,
            max_lines=max_lines,
        )

    def _label(
        self, cx: float, cy: float, r: float, label: str, *, size: float, colour: str, nudge: float
    ) -> None:
        """A bold label centred in a circle; `nudge` (of the line height) lowers it to where
        its letters look centred, which depends on whether they are capitals or digits."""
        self.font(size, bold=True, colour=colour)
        height = self.leading(size, 1.0)
        self.set_xy(cx - r, cy - height / 2 + height * nudge)
        self.cell(2 * r, height, label, align="C")

    # shapes

    def _paint(self, fill: str | None, stroke: str | None, line: float) -> str:
        """Sets the colours and returns FPDF's style for a filled and/or stroked shape."""
        if fill:
            self.set_fill_color(*_rgb(fill))
        if stroke:
            self.set_draw_color(*_rgb(stroke))
            self.set_line_width(line)
        return "DF" if fill and stroke else ("F" if fill else "D")

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: str | None = None,
        stroke: str | None = None,
        radius: float = 0,
        line: float = 0.25,
    ) -> None:
        style = self._paint(fill, stroke, line)
        self.rect(x, y, w, h, style=style, round_corners=radius > 0, corner_radius=radius)

    def stripe(self, x: float, y: float, w: float, h: float) -> None:
        """The short accent bar under a title."""
        self.box(x, y, w, h, fill=self.palette.accent, radius=h / 2)

    def disc(
        self,
        cx: float,
        cy: float,
        r: float,
        *,
        fill: str | None,
        stroke: str | None = None,
        line: float = 0.25,
    ) -> None:
        style = self._paint(fill, stroke, line)
        self.ellipse(cx - r, cy - r, 2 * r, 2 * r, style=style)

    def shape(self, points: Sequence[tuple[float, float]], *, fill: str) -> None:
        self.set_fill_color(*_rgb(fill))
        self.polygon(list(points), style="F")

    def portrait(
        self,
        cx: float,
        cy: float,
        r: float,
        *,
        image: bytes | None,
        initials: str,
        fill: str,
        text: str,
        ring: str | None = None,
    ) -> None:
        """A round picture, or a coloured circle with initials."""
        if image is not None:
            with self.elliptic_clip(cx - r, cy - r, 2 * r, 2 * r):
                self.image(io.BytesIO(image), cx - r, cy - r, w=2 * r, h=2 * r)
        else:
            self.disc(cx, cy, r, fill=fill)
            size = r * 2 * PT_PER_MM * (0.66 if len(initials) < 2 else 0.46)
            self._label(cx, cy, r, initials, size=size, colour=text, nudge=0.04)
        if ring:
            self.disc(cx, cy, r, fill=None, stroke=ring, line=max(0.3, r * 0.05))

    def bubble(
        self, x: float, y: float, w: float, h: float, *, tail_y: float, fill: str, radius: float
    ) -> None:
        """A speech bubble whose tail points left, towards whoever says it."""
        tail = min(h * 0.35, 7.0)
        self.shape(
            [
                (x + 0.5, tail_y - tail / 2),
                (x - tail * 0.9, tail_y + tail * 0.15),
                (x + 0.5, tail_y + tail / 2),
            ],
            fill=fill,
        )
        self.box(x, y, w, h, fill=fill, radius=radius)

    def qr(
        self, url: str, x: float, y: float, side: float, *, mount: float = 0, radius: float = 0
    ) -> None:
        """The code, on a white mount `mount` mm wider all round where it stands on colour."""
        if mount:
            self.box(
                x - mount, y - mount, side + 2 * mount, side + 2 * mount, fill=WHITE, radius=radius
            )
        png = qr_png(url, dark=self.palette.qr_dark)
        self.image(io.BytesIO(png), x, y, w=side, h=side, alt_text=url)

    def number(self, cx: float, cy: float, r: float, n: int, *, size: float | None = None) -> None:
        """A numbered marker in the accent colour with a white ring, for steps and callouts."""
        self.disc(cx, cy, r + r * 0.22, fill=WHITE)
        self.disc(cx, cy, r, fill=self.palette.accent)
        size = size or r * 2 * PT_PER_MM * 0.62
        self._label(cx, cy, r, str(n), size=size, colour=self.palette.on_accent, nudge=0.03)

    def render(self) -> bytes:
        return bytes(self.output())


def _doc(
    branding: Branding, *, page_mm: tuple[float, float], scale: float, title: str, subject: str
) -> _Doc:
    return _Doc(
        page_mm=page_mm,
        scale=scale,
        palette=_Palette.of(branding),
        title=f"{branding.intranet_name}: {title}",
        author=branding.organisation_name or branding.intranet_name,
        subject=subject,
    )


def _persona_image(branding: Branding) -> bytes | None:
    image = _picture(branding.persona_avatar)
    return _square_jpeg(image) if image is not None else None


def _name_size(
    doc: _Doc, name: str, width: float, *, largest: float, smallest: float, max_lines: int
) -> float:
    """As large as fits on one line down to `smallest`; below that, as large as fits wrapped."""
    single = doc.fit_size(name, width, largest, smallest, bold=True)
    if doc.width_of(name, single, bold=True) <= width:
        return single
    size = largest * 0.8
    while size > 8 and (
        len(doc.lines(name, width, size, bold=True)) > max_lines
        or any(doc.width_of(word, size, bold=True) > width for word in name.split())
    ):
        size -= 1
    return size


class _Column:
    """Texts stacked downwards from (x, top), each `width` wide unless said otherwise.

    With `draw` off it only measures: a panel behind texts has to be drawn before them, at the
    height they will take, so `_panel` runs the same layout twice.
    """

    def __init__(
        self, doc: _Doc, x: float, top: float, width: float, *, colour: str, draw: bool = True
    ) -> None:
        self.doc, self.x, self.top, self.width = doc, x, top, width
        self.colour, self.draw = colour, draw
        self.y = top

    def text(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        colour: str | None = None,
        leading: float = 1.3,
        max_lines: int = 0,
        width: float | None = None,
        before: float = 0,
        after: float = 0,
    ) -> None:
        # An empty text (no slogan, say) takes no room, nor do the gaps around it.
        if not text:
            return
        width = self.width if width is None else width
        self.y += before
        if self.draw:
            self.y = self.doc.put(
                self.x,
                self.y,
                width,
                text,
                size=size,
                bold=bold,
                colour=colour or self.colour,
                leading=leading,
                max_lines=max_lines,
            )
        else:
            self.y += self.doc.text_height(
                text, width, size, bold=bold, leading=leading, max_lines=max_lines
            )
        self.y += after

    def name(
        self, name: str, *, largest: float, smallest: float, max_lines: int, after: float = 0
    ) -> None:
        """The intranet's name, as large as it fits."""
        size = _name_size(
            self.doc, name, self.width, largest=largest, smallest=smallest, max_lines=max_lines
        )
        self.text(name, size, bold=True, leading=1.12, max_lines=max_lines, after=after)

    def stripe(self, w: float, h: float, *, below: float) -> None:
        """An accent bar `below` mm under the last text; it takes no room of its own."""
        if self.draw:
            self.doc.stripe(self.x, self.y + below, w, h)

    def skip(self, mm: float) -> None:
        self.y += mm

    def reach(self, mm: float) -> None:
        """Go on at least `mm` below the top: below a logo beside the first texts, say."""
        self.y = max(self.y, self.top + mm)


def _panel(
    doc: _Doc,
    x: float,
    y: float,
    width: float,
    *,
    pad: float,
    radius: float,
    content: Callable[[_Column], None],
) -> float:
    """A panel in the primary colour just high enough for `content`; returns its height."""
    p = doc.palette
    measured = _Column(doc, x + pad, y + pad, width - 2 * pad, colour=p.on_primary, draw=False)
    content(measured)
    height = measured.y - y + pad
    doc.box(x, y, width, height, fill=p.primary, radius=radius)
    content(_Column(doc, x + pad, y + pad, width - 2 * pad, colour=p.on_primary))
    return height


@dataclass(frozen=True)
class _Logo:
    image: Image.Image
    w: float
    h: float

    @classmethod
    def of(cls, branding: Branding, *, height: float, width: float) -> _Logo | None:
        """The organisation's logo, at most `height` high and `width` wide; None without one."""
        image = _picture(branding.logo)
        if image is None:
            return None
        ratio = image.width / max(1, image.height)
        h = min(height, width / ratio)
        return cls(image, h * ratio, h)

    def draw(self, doc: _Doc, right: float, top: float) -> None:
        """At the top right corner (`right`, `top`), on a white mount because the panel behind
        it is coloured and the logo may not stand out against it."""
        x, y = right - self.w - 3, top - 3
        doc.box(x, y, self.w + 6, self.h + 6, fill=WHITE, radius=3)
        doc.image(self.image, x + 3, y + 3, w=self.w, h=self.h)


@dataclass(frozen=True)
class _PersonaStyle:
    """The measures (mm and pt) of the persona and its speech bubble on one kind of material."""

    radius: float  # of the portrait
    name_size: float
    name_lines: int
    name_gap: float  # between the portrait and the name below it
    name_overhang: float  # how far the name may stick out on either side of the portrait
    name_room: float  # kept free below the portrait for the name
    bubble_gap: float  # between the portrait and the bubble, for the bubble's tail
    pad: float  # inside the bubble
    corner: float
    min_bubble: float  # the least height of the bubble
    text_sizes: tuple[float, float]  # the largest and the smallest size of the welcome
    max_lines: int
    welcome_limit: int  # characters
    centred: bool = True  # the welcome in the middle of a taller bubble, or at its top


POSTER_PERSONA = _PersonaStyle(
    radius=19,
    name_size=12,
    name_lines=2,
    name_gap=2.5,
    name_overhang=8,
    name_room=10,
    bubble_gap=12,
    pad=7,
    corner=6,
    min_bubble=24,
    text_sizes=(18, 11),
    max_lines=4,
    welcome_limit=150,
)
CARD_PERSONA = _PersonaStyle(
    radius=8,
    name_size=6.5,
    name_lines=1,
    name_gap=1,
    name_overhang=3,
    name_room=5,
    bubble_gap=6,
    pad=3,
    corner=3,
    min_bubble=14,
    text_sizes=(8, 8),
    max_lines=3,
    welcome_limit=90,
)
GUIDE_PERSONA = _PersonaStyle(
    radius=14,
    name_size=10,
    name_lines=1,
    name_gap=2,
    name_overhang=4,
    name_room=8,
    bubble_gap=10,
    pad=6,
    corner=5,
    min_bubble=28,
    text_sizes=(11, 11),
    max_lines=7,
    welcome_limit=420,
    centred=False,
)


class _Persona:
    """The persona's portrait with the name below it and a speech bubble with the welcome to
    the right, `width` wide; measured on creation so that the caller can place it."""

    def __init__(
        self,
        doc: _Doc,
        branding: Branding,
        style: _PersonaStyle,
        width: float,
        *,
        image: bytes | None,
        room: float = math.inf,
    ) -> None:
        self.doc, self.branding, self.style, self.image = doc, branding, style, image
        self.bubble_w = width - 2 * style.radius - style.bubble_gap
        self.text_w = self.bubble_w - 2 * style.pad
        self.line = _welcome_line(branding, style.welcome_limit)
        # The welcome as large as it fits whole in the bubble and the bubble in the room.
        self.text_size, smallest = style.text_sizes
        while self.text_size > smallest and (
            len(doc.lines(self.line, self.text_w, self.text_size)) > style.max_lines
            or self._text_height() + 2 * style.pad > room
        ):
            self.text_size -= 1
        self.text_h = self._text_height()
        self.bubble_h = max(self.text_h + 2 * style.pad, style.min_bubble)
        self.height = max(self.bubble_h, 2 * style.radius + style.name_room)

    def _text_height(self) -> float:
        return self.doc.text_height(
            self.line, self.text_w, self.text_size, max_lines=self.style.max_lines
        )

    def draw(self, x: float, y: float) -> None:
        doc, s, p = self.doc, self.style, self.doc.palette
        r = s.radius
        name = self.branding.persona_name
        doc.portrait(
            x + r,
            y + r,
            r,
            image=self.image,
            initials=_initials(name),
            fill=p.accent,
            text=p.on_accent,
            ring=p.primary,
        )
        name_w = 2 * r + 2 * s.name_overhang
        doc.strong(
            x + r - name_w / 2,
            y + 2 * r + s.name_gap,
            name_w,
            name,
            size=s.name_size,
            align="C",
            max_lines=s.name_lines,
        )
        bubble_x = x + 2 * r + s.bubble_gap
        doc.bubble(
            bubble_x,
            y,
            self.bubble_w,
            self.bubble_h,
            tail_y=y + r,
            fill=p.accent_tint,
            radius=s.corner,
        )
        text_y = y + (self.bubble_h - self.text_h) / 2 if s.centred else y + s.pad
        doc.put(
            bubble_x + s.pad,
            text_y,
            self.text_w,
            self.line,
            size=self.text_size,
            max_lines=s.max_lines,
        )


def _help_hint() -> str:
    return _("Stuck? Ask it under Questions, or ask an ambassador in your department.")


# -- the poster ---------------------------------------------------------------------------------


def poster_pdf(
    *,
    size: PosterSize = "a4",
    login_url: str,
    branding: Branding,
    launch_date: dt.date | None,
) -> bytes:
    """The launch poster: A4, or A3 as the same layout scaled up."""
    if size not in POSTER_SCALES:
        raise ValueError(f"Unknown poster size {size!r}")
    doc = _doc(
        branding,
        page_mm=A4_MM,
        scale=POSTER_SCALES[size],
        title=_("Poster"),
        subject=_("Launch poster with a QR code to the login page"),
    )
    p = doc.palette
    doc.add_page()
    margin, width = SAFE_MARGIN, A4_MM[0] - 2 * SAFE_MARGIN
    pad = 12.0
    inner = width - 2 * pad

    # The header panel: organisation (beside the logo), the intranet's name, a stripe, the slogan.
    logo = _Logo.of(branding, height=16, width=48)

    def header(column: _Column) -> None:
        beside_logo = inner - (logo.w + 8 if logo is not None else 0)
        column.text(branding.organisation_name, 15, width=beside_logo, max_lines=2, after=3)
        if logo is not None:
            column.reach(logo.h + 4)
        column.name(branding.intranet_name, largest=84, smallest=40, max_lines=3)
        column.stripe(34, 3.2, below=3)
        column.skip(7)
        column.text(branding.slogan, 21, leading=1.25, max_lines=3, before=6, after=4)

    panel_h = _panel(doc, margin, margin, width, pad=pad, radius=6, content=header)
    if logo is not None:
        logo.draw(doc, margin + width - pad, margin + pad)
    y = margin + panel_h + 12

    # The bottom block: call to action, launch date, the QR code and the address below it.
    qr_side = 70.0
    block_h = pad + qr_side + 5 + 9 + pad - 4
    block_y = A4_MM[1] - margin - block_h
    doc.box(margin, block_y, width, block_h, fill=p.tint, radius=6)
    qr_x = margin + width - pad - qr_side
    doc.qr(login_url, qr_x, block_y + pad, qr_side, mount=1.5, radius=3)
    left_w = qr_x - 10 - (margin + pad)
    column = _Column(doc, margin + pad, block_y + pad + 2, left_w, colour=INK)
    column.text(
        _("Scan the code and log in"),
        25,
        bold=True,
        colour=p.primary_text,
        leading=1.15,
        max_lines=3,
        after=4,
    )
    column.text(
        _("Point your phone's camera at the code, or type the address below in your browser."),
        13,
        max_lines=4,
    )
    date_text = launch_date_text(launch_date)
    if date_text:
        date_size = doc.fit_size(date_text, left_w - 10, 15, 9, bold=True)
        date_lines = doc.lines(date_text, left_w - 10, date_size, bold=True, max_lines=2)
        date_h = len(date_lines) * doc.leading(date_size, 1.25) + 7
        date_y = min(column.y + 7, block_y + pad + qr_side - date_h)
        doc.box(margin + pad, date_y, left_w, date_h, fill=p.accent, radius=3)
        doc.put(
            margin + pad + 5,
            date_y + 3.5,
            left_w - 10,
            date_text,
            size=date_size,
            bold=True,
            colour=p.on_accent,
            leading=1.25,
            max_lines=2,
        )
    url_text = _display_url(login_url)
    url_size = doc.fit_size(url_text, inner, 17, 7, bold=True)
    url_y = block_y + pad + qr_side + 5
    doc.strong(margin + pad, url_y, inner, url_text, size=url_size, align="C", max_lines=2)

    # Between header and bottom block: the persona, or else what is in it for the reader.
    room = block_y - 10 - y
    if branding.persona_name.strip():
        persona = _Persona(
            doc, branding, POSTER_PERSONA, width - 4, image=_persona_image(branding), room=room
        )
        persona.draw(margin + 4, y + max(0.0, (room - persona.height) / 2))
    else:
        pitch = _("News, colleagues, spaces and answers to your questions: all in one place.")
        pitch_size = 24.0
        while pitch_size > 12 and doc.text_height(pitch, width - 8, pitch_size, bold=True) > room:
            pitch_size -= 1
        height = doc.text_height(pitch, width - 8, pitch_size, bold=True, max_lines=4)
        pitch_y = y + max(0.0, (room - height) / 2)
        doc.strong(margin + 4, pitch_y, width - 8, pitch, size=pitch_size, align="C", max_lines=4)
    return doc.render()


# -- the first-steps card -----------------------------------------------------------------------


def card_pdf(*, login_url: str, branding: Branding, launch_date: dt.date | None) -> bytes:
    """The A6 first-steps card: the front says what and where, the back how to start."""
    doc = _doc(
        branding,
        page_mm=A6_MM,
        scale=1.0,
        title=_("First-steps card"),
        subject=_("First-steps card, front and back"),
    )
    p = doc.palette
    margin = 7.0
    width = A6_MM[0] - 2 * margin
    bottom = A6_MM[1] - margin

    # Front.
    doc.add_page()

    def header(column: _Column) -> None:
        column.text(branding.organisation_name, 7.5, max_lines=1, after=1)
        column.name(branding.intranet_name, largest=30, smallest=15, max_lines=2)
        if branding.slogan:
            column.stripe(14, 1.3, below=1.2)
            column.text(branding.slogan, 8.5, max_lines=2, before=3.5)

    y = margin + _panel(doc, margin, margin, width, pad=5, radius=3.5, content=header) + 5

    if branding.persona_name.strip():
        persona = _Persona(doc, branding, CARD_PERSONA, width, image=_persona_image(branding))
        persona.draw(margin, y)
        y += persona.height + 4

    # The code as large as the room left allows, with the heading, address and date around it.
    date_text = launch_date_text(launch_date)
    url_text = _display_url(login_url)
    url_size = doc.fit_size(url_text, width, 8, 5.5, bold=True)
    url_h = doc.text_height(url_text, width, url_size, bold=True, max_lines=2)
    date_h = doc.text_height(date_text, width, 7.5, bold=True, max_lines=2) + 2 if date_text else 0
    heading_h = doc.leading(10, 1.3) + 1.5
    qr_side = min(54.0, bottom - y - heading_h - url_h - date_h - 3)
    y += max(0.0, (bottom - y - heading_h - url_h - date_h - 3 - qr_side) / 2)
    qr_y = y + heading_h
    doc.strong(margin, y, width, _("Scan the code and log in"), size=10, align="C", max_lines=1)
    doc.qr(login_url, margin + (width - qr_side) / 2, qr_y, qr_side)
    y = doc.strong(
        margin, qr_y + qr_side + 1.5, width, url_text, size=url_size, align="C", max_lines=2
    )
    if date_text:
        doc.put(
            margin,
            y + 1.5,
            width,
            date_text,
            size=7.5,
            bold=True,
            colour=p.accent_text,
            align="C",
            max_lines=2,
        )

    # Back: seven numbered first steps.
    doc.add_page()
    heading = _("Your first steps in %(name)s") % {"name": branding.intranet_name}
    y = doc.strong(margin, margin, width, heading, size=12, leading=1.2, max_lines=3)
    doc.stripe(margin, y + 1.2, 14, 1.3)
    y += 5.5
    footer = _help_hint()
    footer_h = doc.text_height(footer, width, 6.5, max_lines=2)
    steps = _first_steps()
    step_room = (bottom - footer_h - 3 - y) / len(steps)
    r = 3.0
    text_x = margin + 2 * r + 3.5
    text_w = margin + width - text_x
    for n, (title, text) in enumerate(steps, start=1):
        doc.number(margin + r, y + r + 0.2, r, n, size=8)
        ty = doc.put(
            text_x, y, text_w, title, size=8.5, bold=True, colour=INK, leading=1.2, max_lines=1
        )
        doc.put(text_x, ty + 0.3, text_w, text, size=7, colour=MUTED, leading=1.25, max_lines=2)
        y += step_room
    doc.put(margin, bottom - footer_h, width, footer, size=6.5, colour=MUTED, max_lines=2)
    return doc.render()


# -- the quick guide ----------------------------------------------------------------------------

SCREEN_PX = 1200  # the screens are drawn in the pixels of a 1200 px wide browser window


@dataclass(frozen=True)
class _Callout:
    x: float  # where the marker goes on the screen, in px
    y: float
    text: str


class _Screen:
    """A simplified drawing of a Plein page in a browser window, in px of a 1200 px window."""

    CHROME = 6.0  # mm of browser bar above the page

    def __init__(
        self,
        doc: _Doc,
        branding: Branding,
        *,
        x: float,
        y: float,
        width: float,
        height_px: float,
        address: str,
        current: str,
        persona: bytes | None,
    ) -> None:
        self.doc, self.branding, self.persona = doc, branding, persona
        self.p = doc.palette
        self.s = width / SCREEN_PX
        self.x0, self.y0 = x, y + self.CHROME
        self.width, self.height = width, self.CHROME + height_px * self.s
        self.height_px = height_px
        self._frame(x, y, address)
        self._header(current)

    # coordinates and sizes

    def X(self, px: float) -> float:
        return self.x0 + px * self.s

    def Y(self, px: float) -> float:
        return self.y0 + px * self.s

    def L(self, px: float) -> float:
        return px * self.s

    def pt(self, px: float) -> float:
        return px * self.s * PT_PER_MM

    @contextmanager
    def clipped(self) -> Iterator[None]:
        with self.doc.rect_clip(self.x0, self.y0, self.width, self.height_px * self.s):
            yield

    # the browser and the site header

    def _frame(self, x: float, y: float, address: str) -> None:
        d = self.doc
        d.box(x, y, self.width, self.height, fill="#e7eaee", stroke="#aeb6bf", radius=2, line=0.3)
        for i, colour in enumerate(("#e0605a", "#e3b341", "#5fb65a")):
            d.disc(x + 3.2 + i * 3.0, y + self.CHROME / 2, 0.85, fill=colour)
        bar_x = x + 13
        d.box(bar_x, y + 1.3, self.width - 16, self.CHROME - 2.6, fill=WHITE, radius=1.6)
        d.put(bar_x + 2, y + 1.55, self.width - 20, address, size=5.2, colour=MUTED, max_lines=1)

    def _header(self, current: str) -> None:
        d, p = self.doc, self.p
        d.box(self.x0, self.y0, self.width, self.height_px * self.s, fill=PAGE_GREY)
        d.box(self.x0, self.y0, self.width, self.L(62), fill=p.primary)
        brand_w = min(
            260.0, d.width_of(self.branding.intranet_name, self.pt(21), bold=True) / self.s
        )
        self.text(
            40,
            18,
            self.branding.intranet_name,
            px=21,
            bold=True,
            colour=p.on_primary,
            width=brand_w + 2,
        )
        x = max(120.0, 40 + brand_w + 24)
        self.nav_x: dict[str, float] = {}
        self.nav_end = x
        for key, label in (
            ("start", _("Start")),
            ("news", _("News")),
            ("people", _("People")),
            ("spaces", _("Spaces")),
            ("agenda", _("Agenda")),
            ("questions", _("Questions")),
            ("more", _("More") + " ▾"),
        ):
            label_w = d.width_of(label, self.pt(17)) / self.s
            if x + label_w + 26 > 880:
                break
            if key == current:
                self.box(x, 10, label_w + 26, 42, fill=p.nav_current, radius=6)
            self.text(x + 13, 21, label, px=17, colour=p.on_primary, width=label_w + 4)
            self.nav_x[key] = x + (label_w + 26) / 2
            self.nav_end = x + label_w + 26
            x += label_w + 30
        self._bell(1013, 31)
        self.disc(1085, 31, 18, fill="#dde3ea")
        self.text(1067, 23, "AJ", px=14, bold=True, colour=INK, width=36, align="C")
        self.text(1111, 21, "Anne", px=17, colour=p.on_primary, width=60)

    def _bell(self, cx: float, cy: float) -> None:
        colour = self.p.on_primary
        self.shape(
            [(cx - 9, cy + 6), (cx - 6, cy - 6), (cx + 6, cy - 6), (cx + 9, cy + 6)], fill=colour
        )
        self.disc(cx, cy - 6, 6, fill=colour)
        self.disc(cx, cy + 9, 3, fill=colour)
        self.disc(cx + 11, cy - 10, 9, fill=WHITE, stroke=INK)
        self.text(cx + 2, cy - 17, "3", px=12, bold=True, colour=INK, width=18, align="C")

    # drawing in px

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        px: float = 16,
        bold: bool = False,
        colour: str = INK,
        width: float = 400,
        align: str = "L",
        lines: int = 1,
    ) -> float:
        """Text whose first line's top is at y; returns the px below it."""
        bottom = self.doc.put(
            self.X(x),
            self.Y(y),
            self.L(width),
            text,
            size=self.pt(px),
            bold=bold,
            colour=colour,
            align=align,
            leading=1.35,
            max_lines=lines,
        )
        return (bottom - self.y0) / self.s

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: str,
        stroke: str | None = None,
        radius: float = 0,
        line: float = 0.15,
    ) -> None:
        self.doc.box(
            self.X(x),
            self.Y(y),
            self.L(w),
            self.L(h),
            fill=fill,
            stroke=stroke,
            radius=self.L(radius),
            line=line,
        )

    def shape(self, points: Sequence[tuple[float, float]], *, fill: str) -> None:
        self.doc.shape([(self.X(x), self.Y(y)) for x, y in points], fill=fill)

    def card(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        title: str = "",
        *,
        bar: bool = False,
        title_top: float = 22,
        px: float = 22,
    ) -> None:
        """A white card, with `title` (if any) `title_top` px below its top edge."""
        self.box(x, y, w, h, fill=WHITE, stroke=LINE, radius=10)
        if bar:
            self.box(x, y, 6, h, fill=self.p.accent, radius=3)
        if title:
            self.text(x + 21, y + title_top, title, px=px, bold=True, width=w - 34)

    def bars(
        self,
        x: float,
        y: float,
        w: float,
        count: int,
        *,
        step: float = 24,
        thick: float = 9,
        colour: str = BAR_GREY,
        last: float = 0.62,
    ) -> float:
        """Grey lines standing in for text."""
        for i in range(count):
            length = w * (last if i == count - 1 and count > 1 else 1)
            self.box(x, y + i * step, length, thick, fill=colour, radius=thick / 2)
        return y + count * step

    def link_bars(self, x: float, y: float, w: float, count: int, *, step: float = 22) -> float:
        return self.bars(
            x,
            y,
            w,
            count,
            step=step,
            thick=10,
            colour=_mix(self.p.primary_text, WHITE, 0.35),
            last=0.7,
        )

    def button(
        self,
        x: float,
        y: float,
        label: str,
        *,
        primary: bool = True,
        px: float = 16,
        height: float = 42,
    ) -> float:
        """A button with its top-left corner at (x, y); returns its right edge in px."""
        w = self.doc.width_of(label, self.pt(px), bold=True) / self.s + 40
        self.box(
            x,
            y,
            w,
            height,
            fill=self.p.accent if primary else WHITE,
            stroke=None if primary else "#9aa3ad",
            radius=6,
            line=0.2,
        )
        self.text(
            x + 20,
            y + (height - px * 1.35) / 2,
            label,
            px=px,
            bold=True,
            colour=self.p.on_accent if primary else INK,
            width=w - 30,
        )
        return x + w

    def input_box(self, x: float, y: float, w: float, h: float = 44) -> None:
        self.box(x, y, w, h, fill=WHITE, stroke="#6b7580", radius=5)

    def field(self, x: float, y: float, w: float, label: str, *, select: bool = False) -> None:
        """A labelled text field (or a drop-down, with `select`)."""
        self.text(x, y, label, px=15, bold=True, width=w)
        self.input_box(x, y + 26, w)
        if select:
            self.text(x + w - 26, y + 38, "▾", px=16, colour=INK, width=20)

    def tag(self, x: float, y: float, label: str) -> float:
        w = self.doc.width_of(label, self.pt(14)) / self.s + 22
        self.box(x, y, w, 26, fill="#e3e8ee", radius=13)
        self.text(x + 11, y + 4, label, px=14, width=w)
        return x + w + 8

    def disc(
        self, cx: float, cy: float, r: float, *, fill: str | None, stroke: str | None = None
    ) -> None:
        self.doc.disc(self.X(cx), self.Y(cy), self.L(r), fill=fill, stroke=stroke, line=0.15)

    def person(self, cx: float, cy: float, r: float, colour: str, initials: str = "") -> None:
        """A profile photo in the style of the demo's drawn portraits, or initials."""
        if initials:
            self.disc(cx, cy, r, fill="#dde3ea")
            self.text(
                cx - r, cy - r * 0.45, initials, px=r * 0.62, bold=True, width=2 * r, align="C"
            )
            return
        d = self.doc
        with d.elliptic_clip(self.X(cx - r), self.Y(cy - r), self.L(2 * r), self.L(2 * r)):
            self.disc(cx, cy, r, fill=colour)
            self.disc(cx, cy + r * 1.05, r * 0.72, fill="#e9ece6")
            self.disc(cx, cy - r * 0.2, r * 0.36, fill="#eadfc8")

    def persona_portrait(self, cx: float, cy: float, r: float) -> None:
        name = self.branding.persona_name or self.branding.intranet_name
        self.doc.portrait(
            self.X(cx),
            self.Y(cy),
            self.L(r),
            image=self.persona,
            initials=_initials(name),
            fill=self.p.accent,
            text=self.p.on_accent,
        )

    def reactions(self, x: float, y: float, total: str) -> float:
        for symbol in ("✓", "♥", "✦", "☀", "☺"):
            self.disc(x + 22, y + 18, 21, fill=WHITE, stroke="#9aa3ad")
            self.text(x + 2, y + 8, symbol, px=17, colour=self.p.accent_text, width=40, align="C")
            x += 50
        return self.text(x + 12, y + 9, total, px=14, colour=self.p.primary_text, width=330)

    def callouts(self, callouts: Sequence[_Callout]) -> None:
        for n, callout in enumerate(callouts, start=1):
            self.doc.number(self.X(callout.x), self.Y(callout.y), 2.5, n)


def _legend(
    doc: _Doc, callouts: Sequence[_Callout], x: float, y: float, w: float, h: float
) -> None:
    """The numbered explanations next to a screen, spread over its height."""
    size = 8.2
    r = 2.5
    text_w = w - 2 * r - 3

    def total(size: float) -> float:
        return sum(doc.text_height(c.text, text_w, size, max_lines=4) for c in callouts)

    while size > 6.5 and total(size) + 2.5 * (len(callouts) - 1) > h:
        size -= 0.3
    gap = min(5.0, (h - total(size)) / max(1, len(callouts) - 1))
    for n, callout in enumerate(callouts, start=1):
        doc.number(x + r, y + r + 0.1, r, n)
        y = doc.put(x + 2 * r + 3, y, text_w, callout.text, size=size, max_lines=4) + gap


def _start_page(screen: _Screen, branding: Branding) -> list[_Callout]:
    p = screen.p
    persona = branding.persona_name or branding.intranet_name
    with screen.clipped():
        screen.text(
            40, 82, _("Good to see you, %(name)s") % {"name": "Anne"}, px=30, bold=True, width=780
        )
        screen.card(40, 136, 795, 200, bar=True)
        screen.persona_portrait(98, 190, 32)
        screen.text(
            146,
            160,
            _("A word from %(name)s") % {"name": persona}
            if branding.persona_name
            else _("Welcome to %(name)s") % {"name": persona},
            px=22,
            bold=True,
            width=660,
        )
        screen.bars(146, 205, 650, 4)
        screen.card(856, 136, 304, 560, _("My agenda"), title_top=24)
        y = 205.0
        for _i in range(5):
            screen.link_bars(877, y, 200, 1)
            y = screen.bars(877, y + 24, 250, 2, step=22) + 22
        screen.card(40, 356, 795, 250, _("News"))
        for column in range(3):
            cx = 61 + column * 257
            screen.box(cx, 420, 236, 70, fill=_mix(p.primary, WHITE, 0.7), radius=4)
            y = screen.link_bars(cx, 504, 220, 2)
            screen.bars(cx, y + 6, 225, 3, step=21)
        screen.text(40, 632, _("Activity"), px=22, bold=True, width=300)
        screen.card(40, 672, 795, 240)
        screen.text(61, 690, _("Your message"), px=15, bold=True, width=300)
        screen.input_box(61, 718, 753, 60)
        screen.button(61, 790, _("Post"))
        screen.card(856, 716, 304, 200, _("Your profile"))
        screen.bars(877, 782, 220, 1)
        screen.box(877, 814, 262, 12, fill="#dde3ea", radius=6)
        screen.box(877, 814, 190, 12, fill="#2f7d57", radius=6)
    return [
        _Callout(
            screen.nav_end + 32,
            31,
            _(
                "The menu: news, colleagues, spaces, the agenda, questions, and under “More” "
                "documents, blogs and ideas."
            ),
        ),
        _Callout(970, 31, _("Notifications: reactions, answers and mentions meant for you.")),
        _Callout(1100, 86, _("Your menu: your profile, settings and language, and log out.")),
        _Callout(
            20,
            170,
            _("%(persona)s welcomes you and points out what is new.") % {"persona": persona},
        ),
        _Callout(20, 390, _("The latest news from the organisation.")),
        _Callout(1180, 170, _("Your agenda: meetings, trainings and events coming up.")),
        _Callout(
            20, 720, _("Activity: write a post, and read and react to what colleagues share.")
        ),
    ]


def _post_screen(screen: _Screen, branding: Branding) -> list[_Callout]:
    p = screen.p
    with screen.clipped():
        screen.card(40, 82, 795, 178)
        screen.text(61, 100, _("Your message"), px=15, bold=True, width=300)
        screen.input_box(61, 128, 753, 60)
        screen.text(61, 200, "▸ " + _("Add images or files"), px=14, bold=True, width=300)
        right = screen.button(61, 226, _("Post"), height=34, px=14)
        screen.button(right + 10, 226, _("Preview"), primary=False, height=34, px=14)
        screen.card(40, 280, 795, 640)
        screen.person(78, 320, 20, "#2f7d57")
        space_name = _("Customer service")
        author = f"Peter van den Berg › {space_name}"  # noqa: RUF001
        screen.text(110, 300, author, px=16, bold=True, colour=p.primary_text, width=600)
        author_end = 110 + screen.doc.width_of(author, screen.pt(16), bold=True) / screen.s
        screen.text(110, 324, _("an hour ago"), px=14, colour=MUTED, width=200)
        screen.box(774, 300, 40, 34, fill=WHITE, stroke="#9aa3ad", radius=5)
        screen.text(774, 305, "⋯", px=18, bold=True, width=40, align="C")
        screen.bars(61, 368, 730, 3)
        screen.box(61, 440, 360, 150, fill=_mix(p.primary, WHITE, 0.7), radius=6)
        screen.shape(
            [(100, 570), (190, 480), (260, 550), (300, 510), (390, 570)],
            fill=_mix(p.primary, WHITE, 0.35),
        )
        total = ngettext(
            "%(counter)s reaction – who reacted?",  # noqa: RUF001 - the template's msgid
            "%(counter)s reactions – who reacted?",  # noqa: RUF001
            6,
        ) % {"counter": 6}
        total_end = 323 + screen.doc.width_of(total, screen.pt(14)) / screen.s
        screen.doc.set_draw_color(*_rgb(LINE))
        screen.doc.set_line_width(0.15)
        screen.doc.line(screen.X(61), screen.Y(662), screen.X(814), screen.Y(662))
        screen.person(80, 698, 16, "#7a4a91")
        screen.box(106, 678, 500, 62, fill=PAGE_GREY, radius=8)
        screen.text(120, 684, "Fatima Bakkali", px=14, bold=True, width=200)
        screen.bars(120, 712, 440, 1)
        screen.reactions(61, 608, total)
        screen.button(61, 752, _("Write a comment"), primary=False, height=34, px=14)
        screen.card(856, 82, 304, 330, _("Open questions"))
        y = 150.0
        for _i in range(5):
            y = screen.link_bars(877, y, 240, 2) + 12
    return [
        _Callout(
            20,
            112,
            _(
                "Write a post. Add pictures or files, mention a colleague with @ and a subject "
                "with #."
            ),
        ),
        _Callout(author_end + 32, 310, _("Who wrote it, and in which space.")),
        _Callout(
            742, 317, _("More options: share, edit your own post, or report one that is not right.")
        ),
        _Callout(20, 629, _("React with one click: like, love, celebrate, insightful or funny.")),
        _Callout(total_end + 34, 629, _("See who reacted.")),
        _Callout(20, 769, _("Comment, or answer a comment.")),
    ]


def _profile_screen(screen: _Screen, branding: Branding) -> list[_Callout]:
    with screen.clipped():
        screen.card(40, 82, 1120, 202)
        screen.person(141, 183, 80, "#b07d1a")
        screen.text(241, 124, "Bo van Alenburg", px=30, bold=True, width=600)
        screen.text(241, 172, _("Participation coach"), px=16, width=400)
        right = screen.button(241, 200, _("Follow"))
        right = screen.button(right + 12, 204, _("Blog"), primary=False, height=34, px=14)
        screen.card(40, 300, 272, 216, _("Contact"), title_top=20)
        screen.text(61, 358, _("E-mail"), px=16, bold=True, width=230)
        screen.link_bars(61, 388, 220, 1)
        screen.text(61, 420, _("Phone"), px=16, bold=True, width=230)
        screen.link_bars(61, 452, 110, 1)
        screen.card(40, 532, 272, 276, _("In the organisation"), title_top=20, px=21)
        for row, label in enumerate((_("Department"), _("Location"), _("Manager"))):
            screen.text(61, 592 + row * 66, label, px=16, bold=True, width=230)
            screen.link_bars(61, 620 + row * 66, 180, 1)
        screen.card(332, 300, 828, 124, _("About me"), title_top=20)
        screen.bars(353, 368, 760, 2)
        for top, heading, tags in (
            (440, _("Skills"), (_("Customer focus"), _("Employer services"), "Word")),
            (560, _("Interests"), (_("Board games"), _("Cycling"), _("Programming"))),
        ):
            screen.card(332, top, 828, 104, heading, title_top=20)
            x = 353.0
            for label in tags:
                x = screen.tag(x, top + 58, label)
        screen.card(332, 680, 828, 200, _("Kudos"), title_top=20)
        screen.bars(397, 742, 500, 2)
    return [
        _Callout(
            20,
            183,
            _(
                "Photo, name and job title. Your own: open your menu at the top right, "
                "then “Edit profile”."
            ),
        ),
        _Callout(right + 34, 221, _("Follow a colleague to see their posts on your start page.")),
        _Callout(20, 336, _("How to reach someone.")),
        _Callout(20, 568, _("Department, location and manager: who works where.")),
        _Callout(1180, 336, _("A few lines about yourself and your work.")),
        _Callout(1180, 552, _("Skills and interests: colleagues find you by them under People.")),
    ]


def _space_screen(screen: _Screen, branding: Branding) -> list[_Callout]:
    p = screen.p
    space = _("Customer service")
    with screen.clipped():
        screen.card(40, 82, 1120, 202)
        screen.disc(141, 183, 80, fill=_mix(p.primary, WHITE, 0.75))
        screen.text(
            61, 156, _initials(space), px=44, bold=True, width=160, align="C", colour=p.primary_text
        )
        screen.text(241, 124, space, px=30, bold=True, width=700)
        screen.text(241, 172, _("Open space") + " · ", px=16, colour=MUTED, width=200)
        screen.link_bars(355, 177, 110, 1)
        join_end = screen.button(241, 200, _("Join"))
        screen.text(40, 304, _("Posts in this space"), px=22, bold=True, width=700)
        for top in (350, 590, 830):
            screen.card(40, top, 795, 220)
            screen.person(78, top + 38, 20, "#2f6f8f" if top != 590 else "#8f4f2f")
            screen.link_bars(110, top + 22, 200, 1)
            screen.bars(110, top + 46, 110, 1)
            screen.bars(61, top + 86, 730, 3)
            screen.reactions(61, top + 160, "")
        screen.card(856, 304, 304, 192, _("In this space"))
        for row, label in enumerate((_("Wiki"), _("Documents"), _("Agenda"), _("Questions"))):
            screen.text(877, 366 + row * 30, label, px=16, colour=p.primary_text, width=250)
        screen.card(856, 512, 304, 150, _("About this space"))
        screen.bars(877, 578, 260, 3)
        screen.card(856, 678, 304, 180, _("Members"))
        for i, colour in enumerate(("#2f7d57", "#b07d1a", "#1d5c82", "#7a4a91", "#8f4f2f")):
            screen.person(897 + i * 46, 762, 20, colour)
    return [
        _Callout(
            screen.nav_x.get("spaces", 380),
            84,
            _("Spaces: all spaces, or only yours. Search for your team or a subject."),
        ),
        _Callout(join_end + 34, 221, _("Join to post here and follow along on your start page.")),
        _Callout(20, 316, _("The conversation in this space.")),
        _Callout(1180, 340, _("The space's own wiki, documents, agenda and questions.")),
        _Callout(1180, 548, _("What the space is for.")),
        _Callout(1180, 714, _("Who is in it.")),
    ]


def _questions_screen(screen: _Screen, branding: Branding) -> list[_Callout]:
    p = screen.p
    with screen.clipped():
        screen.text(40, 82, _("Questions"), px=30, bold=True, width=600)
        screen.text(
            40,
            132,
            _("Ask colleagues, answer what you know, and find what was asked before."),
            px=16,
            colour=MUTED,
            width=900,
        )
        right = screen.button(40, 172, _("Ask a question"))
        helpers_end = screen.button(right + 10, 172, _("Helpers"), primary=False)
        x = 40.0
        for label in (_("All"), _("Unanswered"), _("Answered"), _("My questions")):
            screen.text(
                x, 234, label, px=16, colour=p.primary_text, width=200, bold=label == _("All")
            )
            x += screen.doc.width_of(label, screen.pt(16)) / screen.s + 18
        tabs_end = x
        screen.card(40, 272, 1120, 132)
        screen.field(61, 294, 226, _("Tag"))
        screen.field(303, 294, 124, _("Space"), select=True)
        screen.button(443, 322, _("Filter"), primary=False)
        screen.text(
            40,
            422,
            ngettext("%(counter)s question", "%(counter)s questions", 13) % {"counter": 13},
            px=16,
            width=300,
        )
        tag_end = 0.0
        for top, answers, tag in (
            (461, 0, "#hr"),
            (636, 2, _("#working-from-home")),
            (811, 1, _("#bicycle-plan")),
        ):
            screen.card(40, top, 1120, 146)
            screen.text(52, top + 22, str(answers), px=16, bold=True, width=30, align="R")
            screen.text(
                88,
                top + 22,
                npgettext("question count", "answer", "answers", answers),
                px=16,
                width=100,
            )
            screen.link_bars(189, top + 26, 360 if answers == 0 else 480, 1)
            screen.bars(189, top + 66, 360, 1)
            right = screen.tag(189, top + 100, tag)
            if top == 636:
                tag_end = right
    return [
        _Callout(20, 194, _("Ask a question: colleagues and helpers get to see it.")),
        _Callout(helpers_end + 32, 194, _("Helpers: who answers questions about which subjects.")),
        _Callout(tabs_end + 24, 245, _("Unanswered: help a colleague with what you know.")),
        _Callout(1180, 338, _("Filter by tag or by space.")),
        _Callout(20, 534, _("Open a question to answer it or to mark an answer as useful.")),
        _Callout(tag_end + 26, 749, _("Tags keep questions findable for the next person.")),
    ]


def _people_screen(screen: _Screen, branding: Branding) -> list[_Callout]:
    p = screen.p
    with screen.clipped():
        screen.text(40, 82, _("People"), px=30, bold=True, width=600)
        screen.card(40, 126, 1120, 176)
        screen.field(61, 148, 257, _("Name, job title or e-mail"))
        screen.field(335, 148, 257, _("Department"), select=True)
        screen.field(608, 148, 257, _("Location"), select=True)
        screen.field(882, 148, 257, _("Skill or interest"))
        screen.button(61, 238, _("Search"))
        screen.text(
            40,
            320,
            ngettext("%(counter)s colleague found", "%(counter)s colleagues found", 60)
            % {"counter": 60},
            px=16,
            bold=True,
            width=400,
        )
        people = (
            ("Bo van Alenburg", "#b07d1a", ""),
            ("Fatima Bakkali", "#2f7d57", ""),
            ("Nadia Bakkali", "", "NB"),
            ("Fleur Bakker", "#1f7a7a", ""),
            ("Tess Bastiaense", "", "TB"),
            ("Peter van den Berg", "#2f7d57", ""),
            ("Keano van den Bergh", "", "KB"),
            ("Aimée Bosch", "#1d5c82", ""),
            ("Mathijs Bosch", "", "MB"),
            ("Hendrik van Boulogne", "#7a4a91", ""),
            ("Leah van den Broek", "", "LB"),
            ("Simon Butselaar", "", "SB"),
        )
        for i, (name, colour, initials) in enumerate(people):
            col, row = i % 4, i // 4
            x, y = 40 + col * 284, 360 + row * 196
            screen.card(x, y, 267, 180)
            screen.person(x + 53, y + 80, 32, colour, initials)
            screen.text(
                x + 100, y + 22, name, px=16, bold=True, colour=p.primary_text, width=160, lines=2
            )
            screen.bars(x + 100, y + 76, 130, 1)
            screen.bars(x + 100, y + 102, 150, 2, colour="#dde2e7")
    return [
        _Callout(screen.nav_x.get("people", 300), 84, _("People: everyone in the organisation.")),
        _Callout(61 + 257 - 26, 196, _("Search by name, job title or e-mail address.")),
        _Callout(335 + 30, 196, _("Or look for a department or a location.")),
        _Callout(882 + 257 - 26, 196, _("Find the colleague who knows about a subject.")),
        _Callout(20, 440, _("Open someone's profile to reach them, follow them or give kudos.")),
    ]


@dataclass(frozen=True)
class _Section:
    title: str
    lead: str
    address: str
    current: str
    height_px: float
    draw: Callable[[_Screen, Branding], list[_Callout]]


def _sections(host: str, branding: Branding) -> list[_Section]:
    name = branding.intranet_name
    return [
        _Section(
            _("The start page"),
            _(
                "%(name)s opens with what matters today: news, your agenda and what colleagues "
                "share. Click the name at the top left to come back here."
            )
            % {"name": name},
            f"{host}/",
            "start",
            880,
            _start_page,
        ),
        _Section(
            _("A post, with reactions"),
            _(
                "Everyone can post: on the start page, in a space or on a colleague's page. "
                "A reaction or comment shows you read it, and keeps the conversation going."
            ),
            f"{host}/",
            "start",
            880,
            _post_screen,
        ),
        _Section(
            _("A profile"),
            _(
                "Your profile is how colleagues find you. Complete it with a photo: people "
                "recognise a face sooner than a name."
            ),
            f"{host}/people/",
            "people",
            880,
            _profile_screen,
        ),
        _Section(
            _("Spaces"),
            _(
                "A space is a place for a team, a project or a subject, with its own posts, "
                "documents and agenda. Some spaces you are in from the start."
            ),
            f"{host}/spaces/",
            "spaces",
            880,
            _space_screen,
        ),
        _Section(
            _("Questions"),
            _(
                "Ask what you want to know, and answer what you know. Answers stay findable, so "
                "the next colleague with the same question finds them at once."
            ),
            f"{host}/questions/",
            "questions",
            880,
            _questions_screen,
        ),
        _Section(
            _("Finding colleagues"),
            _(
                "Search for a name, or for what someone knows: skills and interests are on "
                "the profiles."
            ),
            f"{host}/people/",
            "people",
            880,
            _people_screen,
        ),
    ]


def guide_pdf(*, login_url: str, branding: Branding, launch_date: dt.date | None) -> bytes:
    """The quick guide: a cover and three pages with two screens each (four A4 pages)."""
    doc = _doc(
        branding,
        page_mm=A4_MM,
        scale=1.0,
        title=_("Quick guide"),
        subject=_("Quick guide to the main screens"),
    )
    p = doc.palette
    margin = 15.0
    width = A4_MM[0] - 2 * margin
    host = urlsplit(login_url).netloc or "intranet"
    sections = _sections(host, branding)
    persona = _persona_image(branding)
    per_page = 2
    pages = 1 + math.ceil(len(sections) / per_page)

    # Cover: a label and the logo above the intranet's name, the slogan and the organisation.
    doc.add_page()
    pad = 12.0
    logo = _Logo.of(branding, height=12, width=40)
    label_h = doc.leading(12, 1.3)

    def header(column: _Column) -> None:
        column.reach(max(label_h, logo.h + 2 if logo is not None else 0) + 4)
        column.name(branding.intranet_name, largest=60, smallest=30, max_lines=2, after=4)
        column.text(branding.slogan, 15, max_lines=2, after=2)
        column.text(branding.organisation_name, 11, max_lines=1)

    panel_h = _panel(doc, margin, margin, width, pad=pad, radius=5, content=header)
    label = _("Quick guide")
    label_w = doc.width_of(label, 12, bold=True) + 8
    doc.box(margin + pad, margin + pad - 1, label_w, label_h + 2, fill=p.accent, radius=2)
    doc.put(
        margin + pad + 4,
        margin + pad,
        label_w,
        label,
        size=12,
        bold=True,
        colour=p.on_accent,
        max_lines=1,
    )
    if logo is not None:
        logo.draw(doc, margin + width - pad, margin + pad)
    y = margin + panel_h + 10

    if branding.persona_name.strip():
        welcome = _Persona(doc, branding, GUIDE_PERSONA, width, image=persona)
        welcome.draw(margin, y)
        y += welcome.height + 10

    y = doc.strong(margin, y, width, _("In this guide"), size=16) + 3
    for index, section in enumerate(sections):
        page_number = 2 + index // per_page
        doc.number(margin + 3, y + 3, 3, index + 1, size=9)
        doc.put(margin + 10, y + 0.6, width - 30, section.title, size=12, max_lines=1)
        doc.put(
            margin + width - 20,
            y + 0.6,
            20,
            _("page %(number)s") % {"number": page_number},
            size=10,
            colour=MUTED,
            align="R",
            max_lines=1,
        )
        y += 9

    # The log-in box at the bottom of the cover.
    box_h = 58.0
    box_y = A4_MM[1] - margin - box_h
    doc.box(margin, box_y, width, box_h, fill=p.tint, radius=5)
    qr_side = box_h - 12
    doc.qr(login_url, margin + width - 6 - qr_side, box_y + 6, qr_side, mount=1, radius=2)
    column = _Column(doc, margin + 8, box_y + 8, width - qr_side - 22, colour=INK)
    column.text(_("Log in"), 16, bold=True, colour=p.primary_text)
    column.text(
        _(
            "Scan the code with your phone's camera, or type this address in your browser. "
            "Log in with your work e-mail address."
        ),
        10.5,
        max_lines=4,
        before=2,
    )
    url_text = _display_url(login_url)
    url_size = doc.fit_size(url_text, column.width, 12, 7, bold=True)
    column.text(url_text, url_size, bold=True, colour=p.primary_text, max_lines=2, before=2)
    column.text(
        launch_date_text(launch_date),
        10.5,
        bold=True,
        colour=p.accent_text,
        max_lines=2,
        before=2,
    )

    # The screens, two per page.
    screen_w = 116.0
    legend_x = margin + screen_w + 7
    legend_w = margin + width - legend_x
    for start in range(0, len(sections), per_page):
        doc.add_page()
        page_number = 2 + start // per_page
        doc.box(margin, margin + 7, width, 0.8, fill=p.primary)
        running_title = "{} · {}".format(branding.intranet_name, _("Quick guide"))
        doc.strong(margin, margin, width - 30, running_title, size=9, max_lines=1)
        doc.put(
            margin + width - 40,
            margin,
            40,
            _("page %(number)s of %(total)s") % {"number": page_number, "total": pages},
            size=9,
            colour=MUTED,
            align="R",
            max_lines=1,
        )
        y = margin + 13
        for offset, section in enumerate(sections[start : start + per_page]):
            number = start + offset + 1
            doc.number(margin + 4, y + 4, 4, number, size=12)
            doc.strong(margin + 11, y + 0.5, width - 11, section.title, size=16, max_lines=1)
            y = doc.put(margin, y + 10, width, section.lead, size=10, max_lines=3) + 4
            screen = _Screen(
                doc,
                branding,
                x=margin,
                y=y,
                width=screen_w,
                height_px=section.height_px,
                address=section.address,
                current=section.current,
                persona=persona,
            )
            callouts = section.draw(screen, branding)
            screen.callouts(callouts)
            _legend(doc, callouts, legend_x, y + 2, legend_w, screen.height - 2)
            y += screen.height + 11
        doc.put(
            margin,
            A4_MM[1] - margin - 4,
            width,
            _help_hint(),
            size=8.5,
            colour=MUTED,
            align="C",
            max_lines=1,
        )
    return doc.render()
