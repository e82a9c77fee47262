"""The building blocks the poster, the card and the guide share: stacked texts on a coloured
panel, the logo, and the persona with its speech bubble."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from plein.core.colours import WHITE
from plein.core.models import Branding

from .drawing import Doc, picture
from .texts import initials, welcome_line


def _name_size(
    doc: Doc, name: str, width: float, *, largest: float, smallest: float, max_lines: int
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


class Column:
    """Texts stacked downwards from (x, top), each `width` wide unless said otherwise.

    With `draw` off it only measures: a panel behind texts has to be drawn before them, at the
    height they will take, so `panel` runs the same layout twice.
    """

    def __init__(
        self, doc: Doc, x: float, top: float, width: float, *, colour: str, draw: bool = True
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


def panel(
    doc: Doc,
    x: float,
    y: float,
    width: float,
    *,
    pad: float,
    radius: float,
    content: Callable[[Column], None],
) -> float:
    """A panel in the primary colour just high enough for `content`; returns its height."""
    p = doc.palette
    measured = Column(doc, x + pad, y + pad, width - 2 * pad, colour=p.on_primary, draw=False)
    content(measured)
    height = measured.y - y + pad
    doc.box(x, y, width, height, fill=p.primary, radius=radius)
    content(Column(doc, x + pad, y + pad, width - 2 * pad, colour=p.on_primary))
    return height


@dataclass(frozen=True)
class Logo:
    image: Image.Image
    w: float
    h: float

    @classmethod
    def of(cls, branding: Branding, *, height: float, width: float) -> Logo | None:
        """The organisation's logo, at most `height` high and `width` wide; None without one."""
        image = picture(branding.logo)
        if image is None:
            return None
        ratio = image.width / max(1, image.height)
        h = min(height, width / ratio)
        return cls(image, h * ratio, h)

    def draw(self, doc: Doc, right: float, top: float) -> None:
        """At the top right corner (`right`, `top`), on a white mount because the panel behind
        it is coloured and the logo may not stand out against it."""
        x, y = right - self.w - 3, top - 3
        doc.box(x, y, self.w + 6, self.h + 6, fill=WHITE, radius=3)
        doc.image(self.image, x + 3, y + 3, w=self.w, h=self.h)


@dataclass(frozen=True)
class PersonaStyle:
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


class Persona:
    """The persona's portrait with the name below it and a speech bubble with the welcome to
    the right, `width` wide; measured on creation so that the caller can place it."""

    def __init__(
        self,
        doc: Doc,
        branding: Branding,
        style: PersonaStyle,
        width: float,
        *,
        image: bytes | None,
        room: float = math.inf,
    ) -> None:
        self.doc, self.branding, self.style, self.image = doc, branding, style, image
        self.bubble_w = width - 2 * style.radius - style.bubble_gap
        self.text_w = self.bubble_w - 2 * style.pad
        self.line = welcome_line(branding, style.welcome_limit)
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
            initials=initials(name),
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
