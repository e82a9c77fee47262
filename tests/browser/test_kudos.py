"""Kudos in Chromium: find a colleague, give kudos with a badge; the colleague sees them on the
wall and in their notifications; a community manager reorders badges and adds a spotlight."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.kudos.models import Badge, KudosDetails, Spotlight
from plein.kudos.tests.factories import BadgeFactory
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_give_kudos_see_them_and_put_a_colleague_in_the_spotlight(visitor):  # type: ignore[no-untyped-def]
    giver = PersonFactory(email="gever@example.org", first_name="Gijs", last_name="Gever")
    recipient = PersonFactory(email="ontvanger@example.org", first_name="Olga", last_name="Oostra")
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    Badge.objects.all().delete()  # the starter badges, when this test runs first
    BadgeFactory(name="Teamspeler", emoji="🤝", position=0)
    helper = BadgeFactory(name="Klantheld", emoji="🦸", position=1)
    page = visitor.page

    visitor.log_in(giver.email, DEFAULT_PASSWORD)
    visitor.visit("/kudos/")
    page.click("#kudos-give")
    page.wait_for_url(visitor.url("/kudos/give/"))
    visitor.check_accessibility()
    page.fill("#id_q", "Oostra")
    page.wait_for_selector(f"#kudos-to-{recipient.pk}")
    visitor.check_accessibility()
    page.click(f"#kudos-to-{recipient.pk}")
    page.wait_for_selector("#kudos-form")
    visitor.check_accessibility()
    assert page.inner_text("#kudos-recipient-name") == "Olga Oostra"
    page.check(f"input[name=badge][value='{helper.pk}']")
    page.fill("#id_message", "Dank voor je hulp bij de balie!")
    page.click("#kudos-submit")
    page.wait_for_url(visitor.url("/kudos/") + "**")
    visitor.check_accessibility()
    details = KudosDetails.objects.get()
    card = page.locator(f"#post-{details.post_id}")
    assert "Klantheld" in card.inner_text() and "Olga Oostra" in card.inner_text()

    page.context.clear_cookies()
    visitor.log_in(recipient.email, DEFAULT_PASSWORD)
    visitor.visit("/kudos/")
    assert page.locator(f"#post-{details.post_id}").count() == 1
    visitor.visit("/notifications/")
    link = page.locator("#notification-items a.notification__link").first
    assert "Gijs Gever" in link.inner_text()

    page.context.clear_cookies()
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/kudos/badges/")
    page.click(f"#badge-{helper.pk}-up")
    page.wait_for_selector(f"#badge-{helper.pk}-up[disabled]")
    visitor.check_accessibility()
    assert list(Badge.objects.values_list("name", flat=True)) == ["Klantheld", "Teamspeler"]

    visitor.visit("/kudos/spotlight/")
    page.fill("#id_person", recipient.email)
    page.fill("#id_message", "Onze klantheld van de week")
    end = timezone.localdate() + timedelta(days=6)
    page.fill("#id_ends_on", end.isoformat())
    page.click("#spotlight-save")
    page.wait_for_selector("#spotlight-current")
    visitor.check_accessibility()
    assert "Olga Oostra" in page.inner_text("#spotlight-current")
    item = Spotlight.objects.get()
    assert (item.person, item.ends_on) == (recipient, end)

    visitor.visit(f"/kudos/spotlight/{item.pk}/")
    page.fill("#id_message", "")
    page.fill("#id_ends_on", (end - timedelta(days=30)).isoformat())
    page.click("#spotlight-save")
    page.wait_for_selector(".form-errors")
    visitor.check_accessibility()
    visitor.visit(f"/kudos/badges/{helper.pk}/")
    page.fill("#id_name", "Klantenheld")
    page.click("#badge-form-save")
    page.wait_for_url(visitor.url("/kudos/badges/"))
    assert Badge.objects.get(pk=helper.pk).name == "Klantenheld"
