"""The launch in Chromium, from preparation to go-live: the community manager plans it, an
employee meets the coming-soon page, the materials download, the intranet goes live and the
invitations arrive; axe-core checks every page on the way."""

from __future__ import annotations

import pytest
from django.core import mail

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
