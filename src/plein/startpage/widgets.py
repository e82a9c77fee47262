"""The start page's own widgets (the registry and what a widget is:
plein.core.registries.widgets), registered from StartpageConfig.ready(). The launch countdown
(order 5) and the department race (25) come from the launch and adoption apps."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plein.blogs.selectors import recent_blog_entries
from plein.core.registries.widgets import Widget
from plein.events.selectors import agenda
from plein.kudos.selectors import current_spotlights
from plein.news.selectors import featured_news
from plein.onboarding.selectors import request_checklist
from plein.onboarding.tips import tip_widget_context
from plein.people.http import AuthenticatedHttpRequest
from plein.people.selectors import home_people, profile_completeness
from plein.posts.selectors import Cursor
from plein.posts.stream.views import home_stream_context
from plein.questions.selectors import unanswered_questions
from plein.spaces.permissions import my_spaces

from .selectors import celebrations_today, quick_links


def _welcome(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {}


def _first_steps(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"first_steps": request_checklist(request)}


def _first_steps_available(request: AuthenticatedHttpRequest) -> bool:
    return request_checklist(request).on_start_page


def _stream(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    context = home_stream_context(request)
    # A phone shows the first PHONE_POSTS (CSS); its "more" goes on with the post after them.
    posts = context["stream_posts"]
    if len(posts) > PHONE_POSTS:
        last = posts[PHONE_POSTS - 1]
        before = urlencode({"before": Cursor(last.created_at, last.pk).encode()})
        context["stream_phone_more_url"] = f"{reverse('posts:feed')}?{before}"
    return context


def _my_spaces(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"my_spaces_list": list(my_spaces(request.user).order_by("name")[:MY_SPACES])}


def _profile(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"completeness": profile_completeness(request.user)}


def _colleagues(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return home_people(request.user)


def _quick_links(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"quick_links": quick_links()}


def _celebrations(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"celebrations": celebrations_today(request.user)}


def _tip(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return tip_widget_context(request)


def _news(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"featured_news": featured_news(request.user, limit=FEATURED_NEWS)}


def _agenda(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"my_events": list(agenda(request.user, mine=True)[:MY_EVENTS])}


def _blogs(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"blog_entries": recent_blog_entries(request.user, limit=BLOG_ENTRIES)}


def _spotlight(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"spotlights": current_spotlights(request.user)}


def _questions(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"open_questions": unanswered_questions(request.user, limit=OPEN_QUESTIONS)}


MY_SPACES = 8
# On a phone the start page is one column: these come first (the stream near the top, its first
# PHONE_POSTS posts, then the rest), the others follow in the person's order; a bar at the top
# jumps to each.
PHONE_FIRST = ("first_steps", "stream")
PHONE_POSTS = 5
OPEN_QUESTIONS = 5
FEATURED_NEWS = 3
MY_EVENTS = 5
BLOG_ENTRIES = 3

WIDGETS = (
    Widget(
        "welcome", _("Welcome"), "startpage/widgets/welcome.html", _welcome, order=10, wide=True
    ),
    Widget(
        "first_steps",
        _("Your first steps"),
        "onboarding/widgets/first_steps.html",
        _first_steps,
        order=20,
        wide=True,
        available=_first_steps_available,
    ),
    Widget("news", _("Featured news"), "startpage/widgets/news.html", _news, order=30, wide=True),
    Widget(
        "spotlight",
        _("In the spotlight"),
        "startpage/widgets/spotlight.html",
        _spotlight,
        order=40,
        wide=True,
    ),
    Widget("stream", _("Activity"), "startpage/widgets/stream.html", _stream, order=50, wide=True),
    Widget("agenda", _("My agenda"), "startpage/widgets/agenda.html", _agenda, order=60),
    Widget("profile", _("Your profile"), "startpage/widgets/profile.html", _profile, order=70),
    Widget(
        "quick_links",
        _("Quick links"),
        "startpage/widgets/quick_links.html",
        _quick_links,
        order=80,
    ),
    Widget("my_spaces", _("My spaces"), "startpage/widgets/my_spaces.html", _my_spaces, order=90),
    Widget(
        "celebrations",
        _("Birthdays and anniversaries"),
        "startpage/widgets/celebrations.html",
        _celebrations,
        order=100,
    ),
    Widget(
        "questions", _("Open questions"), "startpage/widgets/questions.html", _questions, order=110
    ),
    Widget("blogs", _("From the blogs"), "startpage/widgets/blogs.html", _blogs, order=120),
    Widget(
        "colleagues", _("Colleagues"), "startpage/widgets/colleagues.html", _colleagues, order=130
    ),
    Widget("tip", _("Tip"), "startpage/widgets/tip.html", _tip, order=140),
)
