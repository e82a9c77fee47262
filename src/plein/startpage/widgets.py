"""The widgets a start page can show, in the order they come by default.

A widget is a template and a function that gives its context for a request; each function costs
a fixed number of queries, whatever the number of items it shows. `wide` widgets go in the main
column, the others beside it (on a phone everything is one column, in the person's order).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from plein.core.http import AuthenticatedHttpRequest

Context = Callable[[AuthenticatedHttpRequest], dict[str, Any]]


@dataclass(frozen=True)
class Widget:
    key: str
    label: Promise
    template: str
    context: Context
    wide: bool = False
    shown: bool = True  # shown unless a layout says otherwise
    # Whether the widget applies to this person right now (e.g. only before the launch);
    # None means always. Must cost no query per item.
    available: Callable[[AuthenticatedHttpRequest], bool] | None = None


_REGISTRY: dict[str, Widget] = {}


def register(widget: Widget, *, before: str | None = None) -> None:
    """Add a widget; by default it comes last, or right `before` the widget with that key."""
    _REGISTRY.pop(widget.key, None)
    if before is None or before not in _REGISTRY:
        _REGISTRY[widget.key] = widget
        return
    items = list(_REGISTRY.items())
    at = [key for key, _w in items].index(before)
    items.insert(at, (widget.key, widget))
    _REGISTRY.clear()
    _REGISTRY.update(items)


def all_widgets() -> list[Widget]:
    return list(_REGISTRY.values())


def get(key: str) -> Widget | None:
    return _REGISTRY.get(key)


def _welcome(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {}


def _first_steps(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.onboarding.selectors import request_checklist  # worked out once per request

    return {"first_steps": request_checklist(request)}


def _first_steps_available(request: AuthenticatedHttpRequest) -> bool:
    from plein.onboarding.selectors import request_checklist

    return request_checklist(request).on_start_page


def _stream(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.posts.feed_views import home_stream_context
    from plein.posts.selectors import Cursor

    context = home_stream_context(request)
    # A phone shows the first PHONE_POSTS (CSS); its "more" goes on with the post after them.
    posts = context["stream_posts"]
    if len(posts) > PHONE_POSTS:
        last = posts[PHONE_POSTS - 1]
        before = urlencode({"before": Cursor(last.created_at, last.pk).encode()})
        context["stream_phone_more_url"] = f"{reverse('posts:feed')}?{before}"
    return context


def _my_spaces(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.spaces.permissions import my_spaces

    return {"my_spaces_list": list(my_spaces(request.user).order_by("name")[:MY_SPACES])}


def _profile(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.people.selectors import profile_completeness

    return {"completeness": profile_completeness(request.user)}


def _colleagues(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.people.selectors import home_people

    return home_people(request.user)


def _quick_links(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from .selectors import quick_links

    return {"quick_links": quick_links()}


def _celebrations(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from .selectors import celebrations_today

    return {"celebrations": celebrations_today(request.user)}


def _tip(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.onboarding.tips import tip_widget_context

    return tip_widget_context(request)


def _news(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.news.selectors import featured_news

    return {"featured_news": featured_news(request.user, limit=FEATURED_NEWS)}


def _agenda(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.events.selectors import agenda

    return {"my_events": list(agenda(request.user, mine=True)[:MY_EVENTS])}


def _blogs(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.blogs.selectors import recent_blog_entries

    return {"blog_entries": recent_blog_entries(request.user, limit=BLOG_ENTRIES)}


def _spotlight(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.kudos.selectors import current_spotlights

    return {"spotlights": current_spotlights(request.user)}


def _questions(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from plein.questions.selectors import unanswered_questions

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

for widget in (
    Widget("welcome", _("Welcome"), "startpage/widgets/welcome.html", _welcome, wide=True),
    Widget(
        "first_steps",
        _("Your first steps"),
        "onboarding/widgets/first_steps.html",
        _first_steps,
        wide=True,
        available=_first_steps_available,
    ),
    Widget("news", _("Featured news"), "startpage/widgets/news.html", _news, wide=True),
    Widget(
        "spotlight",
        _("In the spotlight"),
        "startpage/widgets/spotlight.html",
        _spotlight,
        wide=True,
    ),
    Widget("stream", _("Activity"), "startpage/widgets/stream.html", _stream, wide=True),
    Widget("agenda", _("My agenda"), "startpage/widgets/agenda.html", _agenda),
    Widget("profile", _("Your profile"), "startpage/widgets/profile.html", _profile),
    Widget("quick_links", _("Quick links"), "startpage/widgets/quick_links.html", _quick_links),
    Widget("my_spaces", _("My spaces"), "startpage/widgets/my_spaces.html", _my_spaces),
    Widget(
        "celebrations",
        _("Birthdays and anniversaries"),
        "startpage/widgets/celebrations.html",
        _celebrations,
    ),
    Widget("questions", _("Open questions"), "startpage/widgets/questions.html", _questions),
    Widget("blogs", _("From the blogs"), "startpage/widgets/blogs.html", _blogs),
    Widget("colleagues", _("Colleagues"), "startpage/widgets/colleagues.html", _colleagues),
    Widget("tip", _("Tip"), "startpage/widgets/tip.html", _tip),
):
    register(widget)
