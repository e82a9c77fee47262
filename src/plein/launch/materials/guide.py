"""The quick guide: a four-page A4 guide whose pages explain the main screens.

The cover has a panel with the intranet's name, the persona's welcome, the table of contents and
a box with the QR code to log in. Each of the three pages after it explains two screens: a title,
a lead, a drawing of the screen (`screen.Screen`, drawn by `guide_screens`) with numbered
callouts, and the legend that explains them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.models import Branding

from .blocks import Column, Logo, Persona, PersonaStyle, panel
from .drawing import Doc, persona_image
from .guide_screens import (
    people_screen,
    post_screen,
    profile_screen,
    questions_screen,
    space_screen,
    start_page,
)
from .screen import Callout, Screen, legend
from .style import A4_MM, INK, MUTED
from .texts import display_url, help_hint, launch_date_text

GUIDE_PERSONA = PersonaStyle(
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


@dataclass(frozen=True)
class Section:
    """One screen of the guide, with its title and the lead above the drawing."""

    title: Promise
    lead: Promise  # may name the intranet: %(name)s
    path: str  # the screen's address on the intranet, after the host
    current: str  # the menu item the screen is under
    draw: Callable[[Screen, Branding], list[Callout]]
    height_px: float = 880

    def lead_for(self, intranet_name: str) -> str:
        """The lead in the active language, with the intranet's name where it has a place."""
        lead = str(self.lead)
        return lead % {"name": intranet_name} if "%(name)s" in lead else lead


SECTIONS = (
    Section(
        gettext_lazy("The start page"),
        gettext_lazy(
            "%(name)s opens with what matters today: news, your agenda and what colleagues "
            "share. Click the name at the top left to come back here."
        ),
        "/",
        "start",
        start_page,
    ),
    Section(
        gettext_lazy("A post, with reactions"),
        gettext_lazy(
            "Everyone can post: on the start page, in a space or on a colleague's page. "
            "A reaction or comment shows you read it, and keeps the conversation going."
        ),
        "/",
        "start",
        post_screen,
    ),
    Section(
        gettext_lazy("A profile"),
        gettext_lazy(
            "Your profile is how colleagues find you. Complete it with a photo: people "
            "recognise a face sooner than a name."
        ),
        "/people/",
        "people",
        profile_screen,
    ),
    Section(
        gettext_lazy("Spaces"),
        gettext_lazy(
            "A space is a place for a team, a project or a subject, with its own posts, "
            "documents and agenda. Some spaces you are in from the start."
        ),
        "/spaces/",
        "spaces",
        space_screen,
    ),
    Section(
        gettext_lazy("Questions"),
        gettext_lazy(
            "Ask what you want to know, and answer what you know. Answers stay findable, so "
            "the next colleague with the same question finds them at once."
        ),
        "/questions/",
        "questions",
        questions_screen,
    ),
    Section(
        gettext_lazy("Finding colleagues"),
        gettext_lazy(
            "Search for a name, or for what someone knows: skills and interests are on "
            "the profiles."
        ),
        "/people/",
        "people",
        people_screen,
    ),
)

# In mm.
_MARGIN = 15.0
_WIDTH = A4_MM[0] - 2 * _MARGIN
_PER_PAGE = 2  # screens on a page
_SCREEN_W = 116.0
_LEGEND_X = _MARGIN + _SCREEN_W + 7
_LEGEND_W = _MARGIN + _WIDTH - _LEGEND_X


def guide_pdf(*, login_url: str, branding: Branding, launch_date: dt.date | None) -> bytes:
    """The quick guide: a cover and three pages with two screens each (four A4 pages)."""
    doc = Doc.of(
        branding,
        page_mm=A4_MM,
        scale=1.0,
        title=_("Quick guide"),
        subject=_("Quick guide to the main screens"),
    )
    host = urlsplit(login_url).netloc or "intranet"
    persona = persona_image(branding)
    pages = 1 + math.ceil(len(SECTIONS) / _PER_PAGE)

    doc.add_page()
    y = _cover_panel(doc, branding)
    if branding.persona_name.strip():
        welcome = Persona(doc, branding, GUIDE_PERSONA, _WIDTH, image=persona)
        welcome.draw(_MARGIN, y)
        y += welcome.height + 10
    _contents(doc, y)
    _login_box(doc, login_url, launch_date)

    for start in range(0, len(SECTIONS), _PER_PAGE):
        doc.add_page()
        _running_head(doc, branding, 2 + start // _PER_PAGE, pages)
        y = _MARGIN + 13
        for offset, section in enumerate(SECTIONS[start : start + _PER_PAGE]):
            y = _section(doc, branding, start + offset + 1, section, y, host=host, persona=persona)
        doc.put(
            _MARGIN,
            A4_MM[1] - _MARGIN - 4,
            _WIDTH,
            help_hint(),
            size=8.5,
            colour=MUTED,
            align="C",
            max_lines=1,
        )
    return doc.render()


def _cover_panel(doc: Doc, branding: Branding) -> float:
    """A label and the logo above the intranet's name, the slogan and the organisation; returns
    the y below the panel."""
    p = doc.palette
    pad = 12.0
    logo = Logo.of(branding, height=12, width=40)
    label_h = doc.leading(12, 1.3)

    def header(column: Column) -> None:
        column.reach(max(label_h, logo.h + 2 if logo is not None else 0) + 4)
        column.name(branding.intranet_name, largest=60, smallest=30, max_lines=2, after=4)
        column.text(branding.slogan, 15, max_lines=2, after=2)
        column.text(branding.organisation_name, 11, max_lines=1)

    panel_h = panel(doc, _MARGIN, _MARGIN, _WIDTH, pad=pad, radius=5, content=header)
    label = _("Quick guide")
    label_w = doc.width_of(label, 12, bold=True) + 8
    doc.box(_MARGIN + pad, _MARGIN + pad - 1, label_w, label_h + 2, fill=p.accent, radius=2)
    doc.put(
        _MARGIN + pad + 4,
        _MARGIN + pad,
        label_w,
        label,
        size=12,
        bold=True,
        colour=p.on_accent,
        max_lines=1,
    )
    if logo is not None:
        logo.draw(doc, _MARGIN + _WIDTH - pad, _MARGIN + pad)
    return _MARGIN + panel_h + 10


def _contents(doc: Doc, y: float) -> None:
    """The table of contents: the sections with the pages they are on."""
    y = doc.strong(_MARGIN, y, _WIDTH, _("In this guide"), size=16) + 3
    for index, section in enumerate(SECTIONS):
        page_number = 2 + index // _PER_PAGE
        doc.number(_MARGIN + 3, y + 3, 3, index + 1, size=9)
        doc.put(_MARGIN + 10, y + 0.6, _WIDTH - 30, str(section.title), size=12, max_lines=1)
        doc.put(
            _MARGIN + _WIDTH - 20,
            y + 0.6,
            20,
            _("page %(number)s") % {"number": page_number},
            size=10,
            colour=MUTED,
            align="R",
            max_lines=1,
        )
        y += 9


def _login_box(doc: Doc, login_url: str, launch_date: dt.date | None) -> None:
    """The log-in box at the bottom of the cover: how to log in, the address and the date,
    beside the QR code."""
    p = doc.palette
    box_h = 58.0
    box_y = A4_MM[1] - _MARGIN - box_h
    doc.box(_MARGIN, box_y, _WIDTH, box_h, fill=p.tint, radius=5)
    qr_side = box_h - 12
    doc.qr(login_url, _MARGIN + _WIDTH - 6 - qr_side, box_y + 6, qr_side, mount=1, radius=2)
    column = Column(doc, _MARGIN + 8, box_y + 8, _WIDTH - qr_side - 22, colour=INK)
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
    url_text = display_url(login_url)
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


def _running_head(doc: Doc, branding: Branding, page_number: int, pages: int) -> None:
    """The intranet's name and the guide's title over a line, and the page number."""
    doc.box(_MARGIN, _MARGIN + 7, _WIDTH, 0.8, fill=doc.palette.primary)
    running_title = "{} · {}".format(branding.intranet_name, _("Quick guide"))
    doc.strong(_MARGIN, _MARGIN, _WIDTH - 30, running_title, size=9, max_lines=1)
    doc.put(
        _MARGIN + _WIDTH - 40,
        _MARGIN,
        40,
        _("page %(number)s of %(total)s") % {"number": page_number, "total": pages},
        size=9,
        colour=MUTED,
        align="R",
        max_lines=1,
    )


def _section(
    doc: Doc,
    branding: Branding,
    number: int,
    section: Section,
    y: float,
    *,
    host: str,
    persona: bytes | None,
) -> float:
    """A numbered section from `y` down: the title, the lead, and the drawn screen with its
    legend beside it; returns the y where the next section starts."""
    doc.number(_MARGIN + 4, y + 4, 4, number, size=12)
    doc.strong(_MARGIN + 11, y + 0.5, _WIDTH - 11, str(section.title), size=16, max_lines=1)
    lead = section.lead_for(branding.intranet_name)
    y = doc.put(_MARGIN, y + 10, _WIDTH, lead, size=10, max_lines=3) + 4
    screen = Screen(
        doc,
        branding,
        x=_MARGIN,
        y=y,
        width=_SCREEN_W,
        height_px=section.height_px,
        address=f"{host}{section.path}",
        current=section.current,
        persona=persona,
    )
    callouts = section.draw(screen, branding)
    screen.callouts(callouts)
    legend(doc, callouts, _LEGEND_X, y + 2, _LEGEND_W, screen.height - 2)
    return y + screen.height + 11
