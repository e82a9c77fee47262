"""The six screens the quick guide draws, each with the callouts that explain it.

Every function draws one Plein page on a `Screen` and returns its callouts, in the order of
their numbers: the start page, a post with reactions, a profile, a space, the questions and the
people search.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext

from plein.core.colours import WHITE
from plein.core.models import Branding

from .screen import Callout, Screen
from .style import LINE, MUTED, PAGE_GREY, mix, rgb
from .texts import initials


def start_page(screen: Screen, branding: Branding) -> list[Callout]:
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
            screen.box(cx, 420, 236, 70, fill=mix(p.primary, WHITE, 0.7), radius=4)
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
    return _start_page_callouts(screen, persona)


def _start_page_callouts(screen: Screen, persona: str) -> list[Callout]:
    return [
        Callout(
            screen.nav_end + 32,
            31,
            _(
                "The menu: news, colleagues, spaces, the agenda, questions, and under “More” "
                "documents, blogs and ideas."
            ),
        ),
        Callout(970, 31, _("Notifications: reactions, answers and mentions meant for you.")),
        Callout(1100, 86, _("Your menu: your profile, settings and language, and log out.")),
        Callout(
            20,
            170,
            _("%(persona)s welcomes you and points out what is new.") % {"persona": persona},
        ),
        Callout(20, 390, _("The latest news from the organisation.")),
        Callout(1180, 170, _("Your agenda: meetings, trainings and events coming up.")),
        Callout(20, 720, _("Activity: write a post, and read and react to what colleagues share.")),
    ]


def post_screen(screen: Screen, branding: Branding) -> list[Callout]:
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
        screen.box(61, 440, 360, 150, fill=mix(p.primary, WHITE, 0.7), radius=6)
        screen.shape(
            [(100, 570), (190, 480), (260, 550), (300, 510), (390, 570)],
            fill=mix(p.primary, WHITE, 0.35),
        )
        total = ngettext(
            "%(counter)s reaction – who reacted?",  # noqa: RUF001 - the template's msgid
            "%(counter)s reactions – who reacted?",  # noqa: RUF001
            6,
        ) % {"counter": 6}
        total_end = 323 + screen.doc.width_of(total, screen.pt(14)) / screen.s
        screen.doc.set_draw_color(*rgb(LINE))
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
        Callout(
            20,
            112,
            _(
                "Write a post. Add pictures or files, mention a colleague with @ and a subject "
                "with #."
            ),
        ),
        Callout(author_end + 32, 310, _("Who wrote it, and in which space.")),
        Callout(
            742, 317, _("More options: share, edit your own post, or report one that is not right.")
        ),
        Callout(20, 629, _("React with one click: like, love, celebrate, insightful or funny.")),
        Callout(total_end + 34, 629, _("See who reacted.")),
        Callout(20, 769, _("Comment, or answer a comment.")),
    ]


def profile_screen(screen: Screen, branding: Branding) -> list[Callout]:
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
        Callout(
            20,
            183,
            _(
                "Photo, name and job title. Your own: open your menu at the top right, "
                "then “Edit profile”."
            ),
        ),
        Callout(right + 34, 221, _("Follow a colleague to see their posts on your start page.")),
        Callout(20, 336, _("How to reach someone.")),
        Callout(20, 568, _("Department, location and manager: who works where.")),
        Callout(1180, 336, _("A few lines about yourself and your work.")),
        Callout(1180, 552, _("Skills and interests: colleagues find you by them under People.")),
    ]


def space_screen(screen: Screen, branding: Branding) -> list[Callout]:
    p = screen.p
    space = _("Customer service")
    with screen.clipped():
        screen.card(40, 82, 1120, 202)
        screen.disc(141, 183, 80, fill=mix(p.primary, WHITE, 0.75))
        screen.text(
            61, 156, initials(space), px=44, bold=True, width=160, align="C", colour=p.primary_text
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
        Callout(
            screen.nav_x.get("spaces", 380),
            84,
            _("Spaces: all spaces, or only yours. Search for your team or a subject."),
        ),
        Callout(join_end + 34, 221, _("Join to post here and follow along on your start page.")),
        Callout(20, 316, _("The conversation in this space.")),
        Callout(1180, 340, _("The space's own wiki, documents, agenda and questions.")),
        Callout(1180, 548, _("What the space is for.")),
        Callout(1180, 714, _("Who is in it.")),
    ]


def questions_screen(screen: Screen, branding: Branding) -> list[Callout]:
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
        Callout(20, 194, _("Ask a question: colleagues and helpers get to see it.")),
        Callout(helpers_end + 32, 194, _("Helpers: who answers questions about which subjects.")),
        Callout(tabs_end + 24, 245, _("Unanswered: help a colleague with what you know.")),
        Callout(1180, 338, _("Filter by tag or by space.")),
        Callout(20, 534, _("Open a question to answer it or to mark an answer as useful.")),
        Callout(tag_end + 26, 749, _("Tags keep questions findable for the next person.")),
    ]


def people_screen(screen: Screen, branding: Branding) -> list[Callout]:
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
        Callout(screen.nav_x.get("people", 300), 84, _("People: everyone in the organisation.")),
        Callout(61 + 257 - 26, 196, _("Search by name, job title or e-mail address.")),
        Callout(335 + 30, 196, _("Or look for a department or a location.")),
        Callout(882 + 257 - 26, 196, _("Find the colleague who knows about a subject.")),
        Callout(20, 440, _("Open someone's profile to reach them, follow them or give kudos.")),
    ]
