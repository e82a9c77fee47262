"""Your data, in Chromium: a person finds "Your data" in their settings, prepares a download and
downloads the ZIP; while a later one is being prepared the page shows the progress and swaps in
the download link by itself (htmx polling) when it is ready. axe runs on every page."""

import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from plein.accounts.privacy.models import DataExport
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_downloads_their_data_and_follows_the_progress(visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory(bio="Ik fiets graag")
    page = visitor.page
    visitor.log_in(person.email, DEFAULT_PASSWORD)
    visitor.visit("/account/settings/")
    page.locator("#account-data").click()
    page.wait_for_url("**/account/data/")
    visitor.check_accessibility()

    page.locator("#data-request").click()  # the test server builds it at once
    page.wait_for_url("**/account/data/")
    visitor.check_accessibility()
    with page.expect_download() as download:
        page.locator("#data-download").click()
    archive = zipfile.ZipFile(download.value.path())
    assert "Ik fiets graag" in archive.read("profile.json").decode()
    first = DataExport.objects.get(person=person)

    # A worker is busy with a second one: the page shows how far it is, and polls.
    later = DataExport.objects.create(
        person=person, status=DataExport.Status.RUNNING, sections_done=2, sections_total=5
    )
    visitor.visit("/account/data/")
    progress = page.locator("#data-export-progress")
    assert (progress.get_attribute("value"), progress.get_attribute("max")) == ("2", "5")
    assert page.locator("[role=status] #data-export-status").count() == 1  # read out politely
    assert page.locator("#data-request").count() == 0

    now = timezone.now()
    DataExport.objects.filter(pk=later.pk).update(
        status=DataExport.Status.READY,
        sections_done=5,
        file=first.file.name,
        finished_at=now,
        expires_at=now + timedelta(days=7),
    )
    page.locator(f'#data-download[href="/account/data/{later.pk}/download/"]').wait_for()
    assert page.locator("#data-export-status[hx-trigger]").count() == 0  # polling stopped
    visitor.check_accessibility()
