"""Notifications in Chromium: someone mentions you, the bell counts it, the list leads to the
post and the count drops; the settings page saves choices and mutes a space."""

import pytest
from django.db import transaction

from plein.notifications.models import NotificationSettings, SpaceMute
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.posts import services as post_services
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mention_bell_list_and_settings(visitor):  # type: ignore[no-untyped-def]
    space = SpaceFactory(name="Team Communicatie", slug="team-communicatie")
    author = MembershipFactory(
        space=space, person=PersonFactory(first_name="Anna", last_name="de Vries")
    ).person
    bram = MembershipFactory(space=space, person=PersonFactory(email="bram@example.org")).person
    with transaction.atomic():
        post = post_services.post_create(
            author=author, space=space, body="Hoi @bram, wil jij dit nalezen?"
        )
    page = visitor.page

    visitor.log_in(bram.email, DEFAULT_PASSWORD)
    assert page.inner_text("#notification-bell-count") == "1"
    page.click("#notification-bell-link")
    page.wait_for_url(visitor.url("/notifications/"))
    visitor.check_accessibility()
    link = page.locator("#notification-items a.notification__link").first
    assert "Anna de Vries" in link.inner_text()
    link.click()
    page.wait_for_url(visitor.url(post.get_absolute_url()) + "**")
    visitor.visit("/notifications/")
    assert page.locator("#notification-bell-count").count() == 0
    assert page.locator(".notification--unread").count() == 0

    page.click("#notification-settings-link")
    page.wait_for_url(visitor.url("/notifications/settings/"))
    visitor.check_accessibility()
    page.check("#id_digest_1")  # daily
    page.uncheck("#id_email_mentions")
    page.click("#notification-settings-save")
    page.wait_for_url(visitor.url("/notifications/settings/"))
    prefs = NotificationSettings.objects.get(person=bram)
    assert (prefs.digest, prefs.email_mentions) == ("daily", False)

    visitor.visit(f"/spaces/{space.slug}/")
    page.click("#space-mute")
    page.wait_for_selector("#space-unmute")
    visitor.check_accessibility()
    assert SpaceMute.objects.filter(person=bram, space=space).exists()
    visitor.visit("/notifications/settings/")
    page.click(f"#unmute-{space.slug}")
    page.wait_for_selector("#muted-spaces-empty")
    assert not SpaceMute.objects.exists()


def test_mark_all_read_with_htmx_updates_the_bell(visitor):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    author = MembershipFactory(space=space).person
    reader = MembershipFactory(space=space, person=PersonFactory(email="lies@example.org")).person
    for text in ("Eerste @lies", "Tweede @lies"):
        with transaction.atomic():
            post_services.post_create(author=author, space=space, body=text)
    page = visitor.page
    visitor.log_in(reader.email, DEFAULT_PASSWORD)
    visitor.visit("/notifications/")
    assert page.inner_text("#notification-bell-count") == "2"
    page.click("#notification-mark-all-read")
    page.wait_for_selector("#notification-bell-count", state="detached")
    page.wait_for_selector(".notification--unread", state="detached")
    assert page.locator("#notification-mark-all-read").count() == 0
    assert page.url == visitor.url("/notifications/")  # no reload
    visitor.check_accessibility()
