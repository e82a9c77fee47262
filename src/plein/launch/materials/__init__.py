"""Launch materials, drawn from the branding as print-ready PDFs: a poster, a card and a guide.

Three pure functions return PDF bytes in the active language:

- `poster_pdf` (poster.py): an A4 or A3 poster (A3 is the A4 layout scaled up) with the
  intranet's name, the persona with a speech bubble, the slogan, the launch date and a big QR
  code to the login page;
- `card_pdf` (card.py): an A6 first-steps card, front (name, persona, QR code) and back (seven
  steps);
- `guide_pdf` (guide.py): a four-page A4 quick guide whose pages explain the main screens with
  drawings of those screens (simplified, in the branding's colours, with numbered callouts;
  screen.py and guide_screens.py).

They share the document and its pictures (drawing.py), the building blocks on it (blocks.py),
sizes, fonts and colours (style.py) and texts (texts.py). The downloads are in views.py.

The pages are laid out in millimetres of an unscaled page. For a bigger paper size the PDF's unit
is scaled instead (`Doc(scale=...)`), so lengths, pictures and font sizes grow together. All
text stays at least `SAFE_MARGIN` mm from the paper's edge, where office printers cannot print.
The fonts (DejaVu Sans) ship in the launch app's ./fonts so that Dutch text, € and “quotes” print
everywhere.
"""

from __future__ import annotations

from .card import card_pdf
from .drawing import qr_png
from .guide import guide_pdf
from .poster import poster_pdf
from .style import A4_MM, A6_MM, FONT_DIR, POSTER_SCALES, SAFE_MARGIN, PosterSize
from .texts import launch_date_text

__all__ = [
    "A4_MM",
    "A6_MM",
    "FONT_DIR",
    "POSTER_SCALES",
    "SAFE_MARGIN",
    "PosterSize",
    "card_pdf",
    "guide_pdf",
    "launch_date_text",
    "poster_pdf",
    "qr_png",
]
