"""The quick guide's drawing kit: a simplified Plein page in a browser window.

A `Screen` is drawn in the pixels of a 1200 px wide browser window (`SCREEN_PX`), scaled to the
width it gets on the page: the browser bar, the site's header in the branding's colours, and
cards, buttons, fields, grey bars standing in for text, portraits and reactions. Numbered
`Callout` markers point at parts of it, and `legend` explains them beside it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plein.core.colours import WHITE
from plein.core.models import Branding

from .drawing import Doc
from .style import BAR_GREY, INK, LINE, MUTED, PAGE_GREY, PT_PER_MM, mix
from .texts import initials

SCREEN_PX = 1200  # the screens are drawn in the pixels of a 1200 px wide browser window


@dataclass(frozen=True)
class Callout:
    x: float  # where the marker goes on the screen, in px
    y: float
    text: str


class Screen:
    """A simplified drawing of a Plein page in a browser window, in px of a 1200 px window."""

    CHROME = 6.0  # mm of browser bar above the page

    def __init__(
        self,
        doc: Doc,
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
            colour=mix(self.p.primary_text, WHITE, 0.35),
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
            initials=initials(name),
            fill=self.p.accent,
            text=self.p.on_accent,
        )

    def reactions(self, x: float, y: float, total: str) -> float:
        for symbol in ("✓", "♥", "✦", "☀", "☺"):
            self.disc(x + 22, y + 18, 21, fill=WHITE, stroke="#9aa3ad")
            self.text(x + 2, y + 8, symbol, px=17, colour=self.p.accent_text, width=40, align="C")
            x += 50
        return self.text(x + 12, y + 9, total, px=14, colour=self.p.primary_text, width=330)

    def callouts(self, callouts: Sequence[Callout]) -> None:
        for n, callout in enumerate(callouts, start=1):
            self.doc.number(self.X(callout.x), self.Y(callout.y), 2.5, n)


def legend(doc: Doc, callouts: Sequence[Callout], x: float, y: float, w: float, h: float) -> None:
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
