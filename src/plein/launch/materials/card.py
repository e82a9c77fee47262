"""The A6 first-steps card: the front says what and where, the back how to start.

The front has a panel with the organisation, the intranet's name and the slogan, the persona
with its welcome, and a QR code to the login page as large as the room left allows; the back has
seven numbered first steps.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from plein.core.models import Branding

from .blocks import Column, Persona, PersonaStyle, panel
from .drawing import Doc, persona_image
from .style import A6_MM, INK, MUTED
from .texts import display_url, first_steps, help_hint, launch_date_text

CARD_PERSONA = PersonaStyle(
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

# In mm.
_MARGIN = 7.0
_WIDTH = A6_MM[0] - 2 * _MARGIN
_BOTTOM = A6_MM[1] - _MARGIN


def card_pdf(*, login_url: str, branding: Branding, launch_date: dt.date | None) -> bytes:
    """The A6 first-steps card: the front says what and where, the back how to start."""
    doc = Doc.of(
        branding,
        page_mm=A6_MM,
        scale=1.0,
        title=_("First-steps card"),
        subject=_("First-steps card, front and back"),
    )
    doc.add_page()
    y = _front_top(doc, branding)
    _login(doc, login_url, launch_date, y)
    doc.add_page()
    _back(doc, branding)
    return doc.render()


def _front_top(doc: Doc, branding: Branding) -> float:
    """The front's panel with the name, and the persona below it; returns the y below them."""

    def header(column: Column) -> None:
        column.text(branding.organisation_name, 7.5, max_lines=1, after=1)
        column.name(branding.intranet_name, largest=30, smallest=15, max_lines=2)
        if branding.slogan:
            column.stripe(14, 1.3, below=1.2)
            column.text(branding.slogan, 8.5, max_lines=2, before=3.5)

    y = _MARGIN + panel(doc, _MARGIN, _MARGIN, _WIDTH, pad=5, radius=3.5, content=header) + 5

    if branding.persona_name.strip():
        persona = Persona(doc, branding, CARD_PERSONA, _WIDTH, image=persona_image(branding))
        persona.draw(_MARGIN, y)
        y += persona.height + 4
    return y


def _login(doc: Doc, login_url: str, launch_date: dt.date | None, y: float) -> None:
    """The code as large as the room below `y` allows, with the heading, address and date
    around it."""
    date_text = launch_date_text(launch_date)
    url_text = display_url(login_url)
    url_size = doc.fit_size(url_text, _WIDTH, 8, 5.5, bold=True)
    url_h = doc.text_height(url_text, _WIDTH, url_size, bold=True, max_lines=2)
    date_h = doc.text_height(date_text, _WIDTH, 7.5, bold=True, max_lines=2) + 2 if date_text else 0
    heading_h = doc.leading(10, 1.3) + 1.5
    qr_side = min(54.0, _BOTTOM - y - heading_h - url_h - date_h - 3)
    y += max(0.0, (_BOTTOM - y - heading_h - url_h - date_h - 3 - qr_side) / 2)
    qr_y = y + heading_h
    doc.strong(_MARGIN, y, _WIDTH, _("Scan the code and log in"), size=10, align="C", max_lines=1)
    doc.qr(login_url, _MARGIN + (_WIDTH - qr_side) / 2, qr_y, qr_side)
    y = doc.strong(
        _MARGIN, qr_y + qr_side + 1.5, _WIDTH, url_text, size=url_size, align="C", max_lines=2
    )
    if date_text:
        doc.put(
            _MARGIN,
            y + 1.5,
            _WIDTH,
            date_text,
            size=7.5,
            bold=True,
            colour=doc.palette.accent_text,
            align="C",
            max_lines=2,
        )


def _back(doc: Doc, branding: Branding) -> None:
    """Seven numbered first steps under a heading, and where to ask for help at the foot."""
    heading = _("Your first steps in %(name)s") % {"name": branding.intranet_name}
    y = doc.strong(_MARGIN, _MARGIN, _WIDTH, heading, size=12, leading=1.2, max_lines=3)
    doc.stripe(_MARGIN, y + 1.2, 14, 1.3)
    y += 5.5
    footer = help_hint()
    footer_h = doc.text_height(footer, _WIDTH, 6.5, max_lines=2)
    steps = first_steps()
    step_room = (_BOTTOM - footer_h - 3 - y) / len(steps)
    r = 3.0
    text_x = _MARGIN + 2 * r + 3.5
    text_w = _MARGIN + _WIDTH - text_x
    for n, (title, text) in enumerate(steps, start=1):
        doc.number(_MARGIN + r, y + r + 0.2, r, n, size=8)
        ty = doc.put(
            text_x, y, text_w, title, size=8.5, bold=True, colour=INK, leading=1.2, max_lines=1
        )
        doc.put(text_x, ty + 0.3, text_w, text, size=7, colour=MUTED, leading=1.25, max_lines=2)
        y += step_room
    doc.put(_MARGIN, _BOTTOM - footer_h, _WIDTH, footer, size=6.5, colour=MUTED, max_lines=2)
