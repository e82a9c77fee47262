"""The launch in Chromium, from preparation to go-live: the community manager plans it, an
employee meets the coming-soon page, the materials download, the intranet goes live and the
invitations arrive; axe-core checks every page on the way."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from plein.core.models import Branding
from plein.launch.models import Invitation, LaunchPlan
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.posts.models import Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_preparation_to_go_live(visitor):  # type: ignore[no-untyped-def]
    Branding.objects.create(
        pk=1,
        intranet_name="Dorpsplein",
        organisation_name="Gemeente Voorbeeld",
        persona_name="Vera",
        persona_welcome="Hoi, ik ben Vera!",
    )
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    team = PersonFactory(email="team@example.org", roles=["project_team"])
    employee = PersonFactory(email="anne@example.org")
    page = visitor.page

    # The community manager starts preparing and sets the date.
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/launch/")
    page.click("#launch-start-preparing")
    page.wait_for_selector("#launch-go-live")
    visitor.check_accessibility()
    page.fill("#id_launch_date", "2099-03-01T09:00")
    page.click("#launch-plan-save")
    page.wait_for_load_state("networkidle")
    visitor.check_accessibility()
    plan = LaunchPlan.objects.get()
    assert plan.phase == LaunchPlan.Phase.PREPARATION and plan.launch_date is not None
    visitor.visit("/launch/readiness/")
    visitor.visit("/")
    assert page.locator("#widget-launch").is_visible()  # the countdown for the project team

    # The project team is in; an employee meets the coming-soon page.
    page.context.clear_cookies()
    visitor.log_in(team.email, DEFAULT_PASSWORD)
    page.context.clear_cookies()
    visitor.visit("/account/login/")
    page.fill("#id_username", employee.email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(visitor.url("/launch/coming-soon/"))
    visitor.check_accessibility()
    text = page.inner_text("main")
    assert "Dorpsplein" in text and "Vera" in text and "2099" in text
    assert mail.outbox == []

    # Go live: the announcement is posted and everyone is invited, once.
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/launch/go-live/")
    page.fill("#id_announcement_title", "Dorpsplein is open!")
    page.click("#launch-go-live-confirm")
    # Below the readiness score: what is missing is listed, and a second press goes live.
    page.wait_for_selector("#launch-missing")
    visitor.check_accessibility()
    assert LaunchPlan.objects.get().phase == LaunchPlan.Phase.PREPARATION
    page.click("#launch-go-live-anyway")
    page.wait_for_url(visitor.url("/launch/"))
    visitor.check_accessibility()
    assert LaunchPlan.objects.get().phase == LaunchPlan.Phase.LAUNCHED
    assert Post.objects.filter(title="Dorpsplein is open!", is_announcement=True).exists()
    invited = sorted(message.to[0] for message in mail.outbox)
    assert invited == sorted([manager.email, team.email, employee.email])
    assert Invitation.objects.count() == 3
    assert all("Dorpsplein" in message.subject for message in mail.outbox)

    # Now the employee gets in and sees the announcement.
    page.context.clear_cookies()
    visitor.log_in(employee.email, DEFAULT_PASSWORD)
    assert "Dorpsplein is open!" in page.inner_text("main")
    assert not page.locator("#widget-launch").count()


def test_the_readiness_thresholds(visitor):  # type: ignore[no-untyped-def]
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    page = visitor.page
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/launch/readiness/")
    page.click("a[href='/launch/readiness/thresholds/']")
    page.wait_for_url(visitor.url("/launch/readiness/thresholds/"))
    visitor.check_accessibility()

    first = page.locator("form.card input[type=number]").first
    name = first.get_attribute("name")
    first.fill("-5")
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".form-errors, .errorlist")
    visitor.check_accessibility()
    assert first.input_value() == "-5"  # what was typed stays

    first.fill("3")
    page.click("form.card button[type=submit]")
    page.wait_for_url(visitor.url("/launch/readiness/"))
    assert LaunchPlan.objects.get().thresholds[name] == 3


def test_the_go_live_is_scheduled_changed_and_cancelled(visitor, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    LaunchPlan.objects.create(pk=1, phase=LaunchPlan.Phase.PREPARATION, go_live_minimum_score=0)
    page = visitor.page
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/launch/go-live/")
    page.fill("#id_announcement_title", "Plein gaat open")
    page.fill("#id_go_live_at", "2099-03-01T09:00")
    page.click("#launch-go-live-schedule")
    page.wait_for_url(visitor.url("/launch/"))
    visitor.check_accessibility()
    status = page.inner_text("#launch-scheduled")
    assert "1 maart 2099, 09:00" in status and "Plein gaat open" in status
    plan = LaunchPlan.objects.get()
    assert plan.is_go_live_scheduled and not plan.is_launched
    assert timezone.localtime(plan.launch_date).hour == 9  # Dutch time

    page.click("#launch-go-live-change")
    page.wait_for_url(visitor.url("/launch/go-live/"))
    visitor.check_accessibility()
    assert page.input_value("#id_announcement_title") == "Plein gaat open"
    page.fill("#id_go_live_at", "2099-03-02T10:30")
    page.click("#launch-go-live-schedule")
    page.wait_for_url(visitor.url("/launch/"))
    assert "2 maart 2099, 10:30" in page.inner_text("#launch-scheduled")

    page.click("#launch-go-live-cancel")
    page.wait_for_url(visitor.url("/launch/"))
    visitor.check_accessibility()
    assert not page.locator("#launch-scheduled").count()
    assert not LaunchPlan.objects.get().is_go_live_scheduled


def test_pilot_participants_are_added_with_the_picker(visitor):  # type: ignore[no-untyped-def]
    """The pilot's participants: a search box adds each chosen colleague as a line."""
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    anna = PersonFactory(first_name="Annegien", last_name="Quist", email="annegien@example.org")
    bram = PersonFactory(first_name="Bram", last_name="Quist", email="bram.quist@example.org")
    page = visitor.page
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/launch/")
    page.click("#launch-start-preparing")
    page.wait_for_selector("#launch-go-live")

    box = page.get_by_label("Zoek een collega om toe te voegen")
    assert box.get_attribute("role") == "combobox"
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    for name in ("Annegien", "Bram"):
        box.press_sequentially(f"{name[:4]} quis", delay=30)
        listbox.get_by_role("option").first.wait_for()
        box.press("ArrowDown")
        box.press("Enter")
        assert box.input_value() == ""
        assert name in page.locator(f"#{box.get_attribute('id')}-status").inner_text()
    visitor.check_accessibility()
    lines = page.locator("#id_pilot_people").input_value().split("\n")
    assert lines[:2] == [
        "Annegien Quist <annegien@example.org>",
        "Bram Quist <bram.quist@example.org>",
    ]
    page.click("#launch-plan-save")
    page.wait_for_load_state("networkidle")
    assert set(LaunchPlan.objects.get().pilot_people.all()) == {anna, bram}
