"""The guided tour of the start page: who gets it, what it says, and ending it."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from plein.core.models import Branding
from plein.onboarding import selectors, services
from plein.onboarding.models import OnboardingState

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")
TOUR_DONE = reverse("onboarding:tour_done")


def _stops(page: str) -> list[dict[str, str]]:
    match = re.search(r'<script id="tour-steps" type="application/json">(.*?)</script>', page, re.S)
    assert match, "no tour on the page"
    return json.loads(match.group(1))


def test_a_first_time_visitor_gets_the_tour(client, person) -> None:
    client.force_login(person)
    page = client.get(HOME).content.decode()
    assert '<dialog id="tour"' in page
    assert 'role="dialog" aria-modal="true" aria-labelledby="tour-title"' in page
    assert "onboarding/tour.js" in page
    assert f'data-done-url="{TOUR_DONE}"' in page
    stops = _stops(page)
    assert stops[0]["target"] == ""
    assert stops[0]["title"] == "Welcome to Plein"
    targets = [stop["target"] for stop in stops]
    for part in ("#widget-first_steps", "#widget-stream", "#notification-bell", ".user-menu"):
        assert any(part in target for target in targets)
    assert all(stop["title"] and stop["text"] for stop in stops)


def test_the_tour_greets_with_the_persona(client, person) -> None:
    Branding.objects.create(pk=1, intranet_name="De Kade", persona_name="Kadi")
    client.force_login(person)
    stops = _stops(client.get(HOME).content.decode())
    assert stops[0]["title"] == "Welcome to De Kade"
    assert "I am Kadi" in stops[0]["text"]


def test_only_the_start_page_has_the_tour(client, person) -> None:
    client.force_login(person)
    assert '<dialog id="tour"' not in client.get(reverse("onboarding:checklist")).content.decode()
    assert '<dialog id="tour"' not in client.get(reverse("people:directory")).content.decode()


def test_ending_the_tour_with_fetch_stops_it(client, person) -> None:
    client.force_login(person)
    client.get(HOME)
    response = client.post(TOUR_DONE, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 204
    assert OnboardingState.objects.get(person=person).tour_finished_at is not None
    assert '<dialog id="tour"' not in client.get(HOME).content.decode()


def test_ending_the_tour_with_htmx_or_a_plain_form(client, person) -> None:
    client.force_login(person)
    assert client.post(TOUR_DONE, HTTP_HX_REQUEST="true").status_code == 204
    response = client.post(TOUR_DONE)
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(TOUR_DONE).status_code == 405


def test_the_tour_can_be_taken_again(client, person) -> None:
    services.tour_finish(person=person)
    client.force_login(person)
    checklist_page = client.get(reverse("onboarding:checklist")).content.decode()
    assert "Take the tour again" in checklist_page
    assert f'href="{HOME}?tour=1"' in checklist_page
    assert '<dialog id="tour"' in client.get(HOME, {"tour": "1"}).content.decode()
    assert '<dialog id="tour"' not in client.get(HOME).content.decode()


def test_tour_done_needs_a_login_and_csrf(client, person) -> None:
    response = client.post(TOUR_DONE)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(person)
    assert strict.post(TOUR_DONE, HTTP_X_REQUESTED_WITH="fetch").status_code == 403
    assert not OnboardingState.objects.filter(
        person=person, tour_finished_at__isnull=False
    ).exists()


def test_the_tour_reuses_what_the_start_page_loaded(client, person, rf) -> None:
    request = rf.get(HOME)
    request.user = person
    selectors.request_checklist(request)
    assert selectors.tour_for_request(request) is not None
    services.tour_finish(person=person)
    # Worked out once per request: the same request does not ask again.
    assert selectors.tour_for_request(request) is not None
    request = rf.get(HOME)
    request.user = person
    assert selectors.tour_for_request(request) is None
