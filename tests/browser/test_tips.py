"""Tips and posting guidelines in Chromium: the community manager adds a tip and writes the
guidelines, an employee gets the tip on the start page, puts it away and reads the guidelines;
axe-core on every page."""

import pytest
from django.utils import timezone

from plein.onboarding.models import OnboardingState, PostingGuidelines, Tip
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_community_manager_adds_a_tip_and_an_employee_gets_it(visitor, phone_visitor):  # type: ignore[no-untyped-def]
    Tip.objects.all().delete()
    sanne = PersonFactory(email="sanne@example.org", roles=["community_manager"])
    anne = PersonFactory(email="anne@example.org", language="nl")
    # Anne has seen the guided tour already, so it does not open over the start page.
    OnboardingState.objects.create(person=anne, tour_finished_at=timezone.now())

    page = visitor.page
    visitor.log_in(sanne.email, DEFAULT_PASSWORD)
    visitor.visit("/getting-started/tips/")
    # A tip without its English text comes back with an error and what was typed.
    page.fill("#id_title_nl", "Koffie met een collega")
    page.fill("#id_body_nl", "Plan een **virtuele koffie** met iemand van een andere afdeling.")
    page.click("#tip-form-save")
    page.wait_for_selector(".form-errors")
    assert page.input_value("#id_title_nl") == "Koffie met een collega"
    visitor.check_accessibility()
    page.fill("#id_title_en", "Coffee with a colleague")
    page.fill("#id_body_en", "Plan a **virtual coffee** with someone from another department.")
    page.click("#tip-form-save")
    page.wait_for_selector(".message--success")
    visitor.check_accessibility()
    tip = Tip.objects.get()
    assert tip.title_en == "Coffee with a colleague"
    assert page.locator(f"#tip-{tip.pk}").count() == 1
    visitor.visit(f"/getting-started/tips/{tip.pk}/")
    visitor.visit(f"/getting-started/tips/{tip.pk}/delete/")

    # The guidelines: edit with a live preview, then save.
    visitor.visit("/getting-started/guidelines/edit/")
    page.fill("#id_body_nl", "## Wees aardig\nEn deel geen gegevens van inwoners.")
    page.fill("#id_body_en", "## Be kind\nAnd share no details of citizens.")
    page.click("#guidelines-preview-button")
    page.wait_for_selector("#guidelines-preview-nl h2")
    assert page.inner_text("#guidelines-preview-en h2") == "Be kind"
    visitor.check_accessibility()
    page.click("#guidelines-save")
    page.wait_for_selector("#guidelines-text")
    visitor.check_accessibility()
    assert PostingGuidelines.objects.get().updated_by == sanne

    # Anne gets the tip on her start page and puts it away.
    phone = phone_visitor.page
    phone_visitor.log_in(anne.email, DEFAULT_PASSWORD)
    phone_visitor.visit("/")
    assert phone.inner_text("#start-tip-title") == "Koffie met een collega"
    assert phone.inner_text("#start-tip strong") == "virtuele koffie"
    phone.click("#start-tip-dismiss")
    phone.wait_for_selector("#start-tip-done")
    assert phone.evaluate("document.activeElement.id") == "start-tip-done"
    phone_visitor.check_accessibility()
    assert OnboardingState.objects.get(person=anne).tips_seen == 1
    phone_visitor.visit("/")
    assert phone.locator("#start-tip").count() == 0

    # ... and reads what she may post.
    phone_visitor.visit("/getting-started/guidelines/")
    assert phone.inner_text("#guidelines-text h2") == "Wees aardig"
    assert phone.locator("#guidelines-edit").count() == 0
