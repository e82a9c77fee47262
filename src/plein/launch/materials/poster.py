"""The launch poster: A4, or A3 as the same layout scaled up.

From top to bottom: a panel with the organisation, the logo, the intranet's name and the slogan;
the persona with its welcome (or, without a persona, what is in it for the reader); and a block
with the call to log in, the launch date, a big QR code to the login page and its address.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from plein.core.models import Branding

from .blocks import Column, Logo, Persona, PersonaStyle, panel
from .drawing import Doc, persona_image
from .style import A4_MM, INK, POSTER_SCALES, SAFE_MARGIN, PosterSize
from .texts import display_url, launch_date_text

POSTER_PERSONA = PersonaStyle(
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

# In mm of the A4 layout.
_MARGIN = SAFE_MARGIN
_WIDTH = A4_MM[0] - 2 * SAFE_MARGIN
_PAD = 12.0  # inside the header panel and the bottom block
_INNER = _WIDTH - 2 * _PAD
_QR_SIDE = 70.0


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
    doc = Doc.of(
        branding,
        page_mm=A4_MM,
        scale=POSTER_SCALES[size],
        title=_("Poster"),
        subject=_("Launch poster with a QR code to the login page"),
    )
    doc.add_page()
    y = _header(doc, branding)
    block_y = _login_block(doc, login_url, launch_date)
    # Between header and bottom block: the persona, or else what is in it for the reader.
    room = block_y - 10 - y
    if branding.persona_name.strip():
        persona = Persona(
            doc, branding, POSTER_PERSONA, _WIDTH - 4, image=persona_image(branding), room=room
        )
        persona.draw(_MARGIN + 4, y + max(0.0, (room - persona.height) / 2))
    else:
        _pitch(doc, y, room)
    return doc.render()


def _header(doc: Doc, branding: Branding) -> float:
    """The header panel: organisation (beside the logo), the intranet's name, a stripe, the
    slogan; returns the y where the room below it starts."""
    logo = Logo.of(branding, height=16, width=48)

    def header(column: Column) -> None:
        beside_logo = _INNER - (logo.w + 8 if logo is not None else 0)
        column.text(branding.organisation_name, 15, width=beside_logo, max_lines=2, after=3)
        if logo is not None:
            column.reach(logo.h + 4)
        column.name(branding.intranet_name, largest=84, smallest=40, max_lines=3)
        column.stripe(34, 3.2, below=3)
        column.skip(7)
        column.text(branding.slogan, 21, leading=1.25, max_lines=3, before=6, after=4)

    panel_h = panel(doc, _MARGIN, _MARGIN, _WIDTH, pad=_PAD, radius=6, content=header)
    if logo is not None:
        logo.draw(doc, _MARGIN + _WIDTH - _PAD, _MARGIN + _PAD)
    return _MARGIN + panel_h + 12


def _login_block(doc: Doc, login_url: str, launch_date: dt.date | None) -> float:
    """The bottom block: call to action, launch date, the QR code and the address below it;
    returns its top."""
    p = doc.palette
    block_h = _PAD + _QR_SIDE + 5 + 9 + _PAD - 4
    block_y = A4_MM[1] - _MARGIN - block_h
    doc.box(_MARGIN, block_y, _WIDTH, block_h, fill=p.tint, radius=6)
    qr_x = _MARGIN + _WIDTH - _PAD - _QR_SIDE
    doc.qr(login_url, qr_x, block_y + _PAD, _QR_SIDE, mount=1.5, radius=3)
    left_w = qr_x - 10 - (_MARGIN + _PAD)
    column = Column(doc, _MARGIN + _PAD, block_y + _PAD + 2, left_w, colour=INK)
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
        _date_box(doc, date_text, left_w, below=column.y, bottom=block_y + _PAD + _QR_SIDE)
    url_text = display_url(login_url)
    url_size = doc.fit_size(url_text, _INNER, 17, 7, bold=True)
    url_y = block_y + _PAD + _QR_SIDE + 5
    doc.strong(_MARGIN + _PAD, url_y, _INNER, url_text, size=url_size, align="C", max_lines=2)
    return block_y


def _date_box(doc: Doc, text: str, width: float, *, below: float, bottom: float) -> None:
    """The launch date on an accent-coloured box `width` wide: 7 mm under the texts `below`
    it, but ending by `bottom` (the QR code's lower edge)."""
    p = doc.palette
    size = doc.fit_size(text, width - 10, 15, 9, bold=True)
    lines = doc.lines(text, width - 10, size, bold=True, max_lines=2)
    height = len(lines) * doc.leading(size, 1.25) + 7
    top = min(below + 7, bottom - height)
    doc.box(_MARGIN + _PAD, top, width, height, fill=p.accent, radius=3)
    doc.put(
        _MARGIN + _PAD + 5,
        top + 3.5,
        width - 10,
        text,
        size=size,
        bold=True,
        colour=p.on_accent,
        leading=1.25,
        max_lines=2,
    )


def _pitch(doc: Doc, y: float, room: float) -> None:
    """What is in it for the reader, as large as fits in `room`, centred in it."""
    pitch = _("News, colleagues, spaces and answers to your questions: all in one place.")
    pitch_size = 24.0
    while pitch_size > 12 and doc.text_height(pitch, _WIDTH - 8, pitch_size, bold=True) > room:
        pitch_size -= 1
    height = doc.text_height(pitch, _WIDTH - 8, pitch_size, bold=True, max_lines=4)
    pitch_y = y + max(0.0, (room - height) / 2)
    doc.strong(_MARGIN + 4, pitch_y, _WIDTH - 8, pitch, size=pitch_size, align="C", max_lines=4)
