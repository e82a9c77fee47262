"""Reads for onboarding: a person's first-steps checklist and the guided tour."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Exists, prefetch_related_objects
from django.http import HttpRequest
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from plein.core.registries import firststeps
from plein.core.selectors import branding_get
from plein.people.models import Person

from .models import OnboardingState
from .services import onboarding_state_for


@dataclass(frozen=True)
class Item:
    """A step with where this person stands."""

    step: firststeps.Step
    done: bool
    url: str
    status: str = ""

    @property
    def key(self) -> str:
        return self.step.key


@dataclass(frozen=True)
class Checklist:
    state: OnboardingState
    items: list[Item] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def open_items(self) -> list[Item]:
        return [item for item in self.items if not item.done]

    @property
    def dismissed(self) -> bool:
        return self.state.checklist_dismissed_at is not None

    @property
    def on_start_page(self) -> bool:
        """The start page shows the list until every step is done or the person hides it."""
        return not self.complete and not self.dismissed


def _url(step: firststeps.Step, person: Person) -> str:
    try:
        return step.url(person)
    except NoReverseMatch:  # the page is not there (an app switched off): no link
        return ""


def checklist(person: Person) -> Checklist:
    """Every registered step, done or not, for this person.

    A fixed number of queries whatever the number of steps: one for the person's onboarding
    state together with every step's evidence, plus the related data steps `prefetch` (loaded
    on `person` itself, so later readers of the same object reuse it). Without a stored state
    (nothing recorded yet) the state is a fresh, unsaved one.
    """
    steps = firststeps.all_steps()
    evidence = {s.evidence_name: Exists(s.evidence(person)) for s in steps if s.evidence}
    row = (
        Person.objects.filter(pk=person.pk)
        .select_related("onboarding")
        .annotate(**evidence)
        .first()
    )
    try:
        state = row.onboarding if row is not None else OnboardingState(person=person)
    except OnboardingState.DoesNotExist:
        state = OnboardingState(person=person)
    facts = {name: bool(getattr(row, name, False)) for name in evidence}
    prefetch = sorted({lookup for s in steps for lookup in s.prefetch})
    if prefetch:
        prefetch_related_objects([person], *prefetch)
    return Checklist(state, [_item(step, person, state, facts) for step in steps])


def _item(
    step: firststeps.Step, person: Person, state: OnboardingState, facts: dict[str, bool]
) -> Item:
    done = (
        facts.get(step.evidence_name, False)
        or (step.confirmable and step.key in (state.confirmed_steps or []))
        or (step.is_done is not None and step.is_done(person, state))
    )
    status = str(step.status(person, state)) if step.status and not done else ""
    return Item(step, bool(done), _url(step, person), status)


_REQUEST_ATTRIBUTE = "_plein_first_steps"


def request_checklist(request: HttpRequest) -> Checklist:
    """The checklist of the person making this request, worked out once per request (the
    start page's widget, its availability and the tour all ask). The first start-page visit
    stores the person's onboarding state (its `started_at` starts the first weeks' tips)."""
    cached: Checklist | None = getattr(request, _REQUEST_ATTRIBUTE, None)
    if cached is None:
        person: Person = request.user  # type: ignore[assignment]
        cached = checklist(person)
        if cached.state.pk is None:
            cached = replace(cached, state=onboarding_state_for(person=person))
        setattr(request, _REQUEST_ATTRIBUTE, cached)
    return cached


def tour_for_request(request: HttpRequest) -> dict[str, Any] | None:
    """What the start page's guided tour needs, or None when it is not shown: it is shown
    until the person finishes or skips it once, and again on request (`?tour=1`)."""
    if not request.user.is_authenticated:
        return None
    if request.GET.get("tour") != "1" and (
        request_checklist(request).state.tour_finished_at is not None
    ):
        return None
    return {"steps": tour_steps()}


def tour_steps() -> list[dict[str, str]]:
    """The tour's stops, in order. `target` is a CSS selector of what is pointed at (the first
    element that matches); stops whose target is not on the page are skipped, and a stop
    without a target is shown in the middle of the screen."""
    brand = branding_get()
    name = brand.intranet_name
    if brand.persona_name:
        intro = _(
            "Hello, I am %(persona)s. Let me show you around %(name)s: what is where on your "
            "start page. It takes a minute, and you can stop at any time with Escape."
        ) % {"persona": brand.persona_name, "name": name}
    else:
        intro = _(
            "A short tour of your start page: what is where. It takes a minute, and you can "
            "stop at any time with Escape."
        )
    welcome = {"target": "", "title": _("Welcome to %(name)s") % {"name": name}, "text": intro}
    return [welcome, *_tour_page_stops(), *_tour_closing_stops(name)]


def _tour_page_stops() -> list[dict[str, str]]:
    """The tour's stops at the parts of the start page: menu, search, checklist, stream, bell."""
    return [
        {
            "target": ".site-nav, .nav-menu",
            "title": _("Find your way"),
            "text": _(
                "The menu takes you to the news, your colleagues, the spaces, the agenda and "
                "the questions. Documents, blogs, ideas and more are under “More” (on a phone "
                "all of it is under “Menu”)."
            ),
        },
        {
            "target": "#site-search, [data-tour='search'], form[role='search']",
            "title": _("Search"),
            "text": _("Looking for a colleague, a document or an answer? Search for it here."),
        },
        {
            "target": "#widget-first_steps",
            "title": _("Your first steps"),
            "text": _(
                "This list helps you settle in. Each step takes a minute or two; tick them off "
                "one by one, or hide the list when you are done with it."
            ),
        },
        {
            "target": "#widget-stream",
            "title": _("What is happening"),
            "text": _(
                "The activity stream shows new posts from your spaces and from colleagues you "
                "follow. React, comment, or write something yourself."
            ),
        },
        {
            "target": "#notification-bell",
            "title": _("Notifications"),
            "text": _(
                "The bell tells you when someone reacts to you, mentions you or answers your "
                "question."
            ),
        },
    ]


def _tour_closing_stops(name: str) -> list[dict[str, str]]:
    """The tour's last stops: the user menu, where to get help with the intranet called name,
    and arranging the start page."""
    return [
        {
            "target": ".user-menu",
            "title": _("Your profile and settings"),
            "text": _(
                "Here are your profile, your settings and the language, and this is where you "
                "log out."
            ),
        },
        {
            "target": "#help-link, [data-tour='help'], .site-footer__help a",
            "title": _("Questions about %(name)s?") % {"name": name},
            "text": _("Ask them here: the ambassadors and the project team are happy to help you."),
        },
        {
            "target": "#start-arrange",
            "title": _("Make it yours"),
            "text": _(
                "Choose which blocks your start page shows, and in which order. That is the "
                "tour. Enjoy!"
            ),
        },
    ]
