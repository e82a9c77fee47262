"""The PDF document the launch materials are drawn on, and the pictures that go on it.

`Doc` is an FPDF in millimetres of the unscaled page. For a bigger paper size the PDF's unit is
scaled instead (`Doc(scale=...)`), so lengths, pictures and font sizes grow together.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import segno
from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.utils import translation
from fpdf import FPDF
from PIL import Image, UnidentifiedImageError

from plein.core.colours import WHITE
from plein.core.models import Branding

from .style import FAMILY, FONT_DIR, INK, PT_PER_MM, Palette, rgb


def picture(field: FieldFile) -> Image.Image | None:
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


def square_jpeg(image: Image.Image, side: int = 600) -> bytes:
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


class Doc(FPDF):
    """An FPDF in millimetres of the unscaled page, with the fonts and a few drawing helpers."""

    def __init__(
        self,
        *,
        page_mm: tuple[float, float],
        scale: float,
        palette: Palette,
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

    @classmethod
    def of(
        cls,
        branding: Branding,
        *,
        page_mm: tuple[float, float],
        scale: float,
        title: str,
        subject: str,
    ) -> Doc:
        """A document in the branding's colours, titled "<intranet name>: <title>"."""
        return cls(
            page_mm=page_mm,
            scale=scale,
            palette=Palette.of(branding),
            title=f"{branding.intranet_name}: {title}",
            author=branding.organisation_name or branding.intranet_name,
            subject=subject,
        )

    # text

    def font(self, size: float, *, bold: bool = False, colour: str = INK) -> None:
        """`size` in points on the unscaled page."""
        self.set_font(FAMILY, "B" if bold else "", size * self.scale)
        self.set_text_color(*rgb(colour))

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
            self.set_fill_color(*rgb(fill))
        if stroke:
            self.set_draw_color(*rgb(stroke))
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
        self.set_fill_color(*rgb(fill))
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


def persona_image(branding: Branding) -> bytes | None:
    image = picture(branding.persona_avatar)
    return square_jpeg(image) if image is not None else None
