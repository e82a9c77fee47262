"""The download of a person's own data: every app's sections, only the person's own, the
progress, the e-mail, the owner-only download, one at a time, and the nightly expiry."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from plein.accounts.privacy import services
from plein.accounts.privacy.models import DataExport
from plein.adoption.models import PersonDay
from plein.core.registries.personal_data import SECTIONS, Section
from plein.core.registries.schedule import SCHEDULE
from plein.documents.tests.factories import DocumentFactory
from plein.events.tests.factories import RSVPFactory
from plein.notifications.models import NotificationSettings
from plein.people.tests.factories import AbsenceFactory, PersonFactory
from plein.polls.models import Choice, PollDetails, Vote
from plein.posts.models import Attachment, Post
from plein.posts.tests.factories import CommentFactory, PostFactory, ReactionFactory
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db
DATA_URL = reverse("accounts:data")
REQUEST_URL = reverse("accounts:data_request")
# Words only colleagues wrote: they must appear nowhere in the person's download.
THEIRS = ("KOLIBRIE", "ZEBRAPAD", "PELIKAAN")

SECTION_KEYS = {
    "profile",
    "absences",
    "access_tokens",
    "sso_links",
    "posts",
    "comments",
    "reactions",
    "news",
    "read_confirmations",
    "blog_series",
    "wiki_revisions",
    "useful_votes",
    "idea_votes",
    "kudos",
    "market",
    "documents",
    "rsvps",
    "events",
    "votes",
    "notification_settings",
    "usage_days",
}


def test_every_app_registers_its_part_of_your_data() -> None:
    assert {section.key for section in SECTIONS.all()} == SECTION_KEYS


def _one_of_everything(person):  # type: ignore[no-untyped-def]
    """The person's own things (with files), and a colleague's beside them."""
    colleague = PersonFactory(bio="Over mij: PELIKAAN")
    person.photo.save("me.png", ContentFile(b"\x89PNG-photo-of-me"), save=True)
    secret = SpaceFactory(kind=Space.Kind.SECRET)
    MembershipFactory(space=secret, person=person)
    MembershipFactory(space=secret, person=colleague, role=Membership.Role.MEMBER)
    mine = PostFactory(author=person, space=secret, body="Mijn eigen bericht OTTER")
    attachment = Attachment(post=mine, name="plan.txt", content_type="text/plain", size=5)
    attachment.file.save("plan.txt", ContentFile(b"plan!"), save=True)
    CommentFactory(post=mine, author=colleague, body="Reactie van een collega ZEBRAPAD")
    theirs = PostFactory(author=colleague, space=secret, body="Geheim van een collega KOLIBRIE")
    CommentFactory(post=theirs, author=person, body="Mijn reactie BEVER")
    ReactionFactory(person=person, post=theirs)
    ReactionFactory(person=colleague, post=mine)
    RSVPFactory(person=person)
    poll = PostFactory(author=colleague, kind=Post.Kind.POLL, body="Welke dag?")
    details = PollDetails.objects.create(post=poll)
    Vote.objects.create(
        poll=details, choice=Choice.objects.create(poll=details, text="Dinsdag"), person=person
    )
    NotificationSettings.objects.update_or_create(person=person, defaults={"digest": "weekly"})
    PersonDay.objects.create(person=person, day=date(2026, 11, 2), visits=3, views=7)
    AbsenceFactory(person=person, note="Vakantie")
    DocumentFactory(owner=person, title="Mijn notitie")
    DocumentFactory(owner=colleague, title="PELIKAAN-rapport")
    return colleague


def _zip_of(client, export: DataExport) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    response = client.get(reverse("accounts:data_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_download_holds_every_section_and_the_persons_files_and_nothing_of_a_colleague(  # type: ignore[no-untyped-def]
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = _one_of_everything(person)
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST_URL)
    assert response.status_code == 302

    export = DataExport.objects.get(person=person)
    assert export.status == DataExport.Status.READY
    assert export.sections_done == export.sections_total == len(SECTION_KEYS)
    assert export.expires_at == export.finished_at + timedelta(days=7)
    assert "/media" not in export.file.name and len(export.file.name) > 30  # random name

    archive = _zip_of(client, export)
    names = set(archive.namelist())
    assert {f"{key}.json" for key in SECTION_KEYS} | {"README.txt"} <= names
    files = sorted(name for name in names if name.startswith("files/"))
    mine_id = Post.objects.get(body__contains="OTTER").pk
    assert files[1] == f"files/posts/{mine_id}/plan.txt"
    assert files[2].startswith("files/profile/photo/")
    assert files[0].endswith("/1/document.pdf") and len(files) == 3
    assert archive.read(files[1]) == b"plan!"
    assert archive.read(files[2]) == b"\x89PNG-photo-of-me"
    everything = b"".join(archive.read(name) for name in names).decode(errors="replace")
    for word in THEIRS:
        assert word not in everything
    assert colleague.email not in everything
    for mine in ("OTTER", "BEVER", "Dinsdag", "Vakantie", "Mijn notitie", "weekly"):
        assert mine in everything

    profile = json.loads(archive.read("profile.json"))
    assert profile[0]["email"] == person.email
    assert profile[0]["photo"] == files[2]
    usage = json.loads(archive.read("usage_days.json"))
    assert usage == [
        {"created": 0, "day": "2026-11-02", "nudged": 0, "responded": 0, "views": 7, "visits": 3}
    ]
    assert "posts.json" in archive.read("README.txt").decode()

    (email,) = mailoutbox
    assert email.to == [person.email]
    assert email.subject == "Your data is ready to download"
    assert "/account/data/" in email.body


def test_someone_else_never_gets_the_download(client, person, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        export = services.export_request(person=person)
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    url = reverse("accounts:data_download", args=[export.pk])

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(PersonFactory(is_superuser=True))
    assert client.get(url).status_code == 404
    assert url not in client.get(DATA_URL).content.decode()
    client.force_login(person)
    assert client.get(url).status_code == 200


def test_the_progress_is_saved_after_each_section(person, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []

    def watch(who, writer):  # type: ignore[no-untyped-def]
        export = DataExport.objects.get(person=who)
        seen.append((export.sections_done, export.sections_total))
        writer.records([{"n": len(seen)}])

    sections = [
        Section(key=f"part{n}", order=n, label=f"Part {n}", collect=watch) for n in range(3)
    ]
    with SECTIONS.only(*sections), django_capture_on_commit_callbacks(execute=True):
        export = services.export_request(person=person)
    assert seen == [(0, 3), (1, 3), (2, 3)]
    export.refresh_from_db()
    assert (export.status, export.percent) == (DataExport.Status.READY, 100)


def test_one_download_at_a_time(client, person):  # type: ignore[no-untyped-def]
    DataExport.objects.create(person=person, status=DataExport.Status.RUNNING, sections_total=4)
    client.force_login(person)
    response = client.post(REQUEST_URL, follow=True)
    assert "already being prepared" in response.content.decode()
    assert DataExport.objects.filter(person=person).count() == 1

    page = client.get(DATA_URL).content.decode()
    assert 'id="data-request"' not in page  # no button while it runs
    assert "0 of 4 parts done" in page
    partial = client.get(DATA_URL, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 3s"' in partial and "<h1" not in partial


def test_a_failing_section_fails_the_download_and_a_new_one_may_be_asked(  # type: ignore[no-untyped-def]
    client, person, django_capture_on_commit_callbacks
):
    def broken(who, writer):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    broken_section = Section(key="broken", order=1, label="x", collect=broken)
    with SECTIONS.only(broken_section), django_capture_on_commit_callbacks(execute=True):
        export = services.export_request(person=person)
    export.refresh_from_db()
    assert (export.status, export.file.name) == (DataExport.Status.FAILED, "")
    client.force_login(person)
    assert "did not work" in client.get(DATA_URL).content.decode()
    services.export_request(person=person)  # not refused


def test_the_nightly_job_deletes_downloads_past_their_date(
    client, person, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    assert SCHEDULE.get("data-export-prune") is not None
    with SECTIONS.only(SECTIONS.get("profile")), django_capture_on_commit_callbacks(execute=True):  # type: ignore[arg-type]
        export = services.export_request(person=person)
    export.refresh_from_db()
    stored = export.file.name
    assert export.file.storage.exists(stored)

    assert services.exports_prune(now=export.expires_at - timedelta(minutes=1)) == 0
    assert services.exports_prune(now=export.expires_at) == 1
    export.refresh_from_db()
    assert export.status == DataExport.Status.EXPIRED
    assert not export.file.storage.exists(stored)
    client.force_login(person)
    assert client.get(reverse("accounts:data_download", args=[export.pk])).status_code == 404
    assert "has expired" in client.get(DATA_URL).content.decode()


def test_a_download_stuck_for_hours_is_given_up(person) -> None:  # type: ignore[no-untyped-def]
    stuck = DataExport.objects.create(
        person=person,
        status=DataExport.Status.RUNNING,
        created_at=timezone.now() - services.STUCK_AFTER - timedelta(minutes=1),
    )
    services.exports_prune()
    stuck.refresh_from_db()
    assert stuck.status == DataExport.Status.FAILED


def test_the_settings_page_leads_to_your_data(logged_in_client) -> None:  # type: ignore[no-untyped-def]
    settings_page = logged_in_client.get(reverse("accounts:settings")).content.decode()
    assert DATA_URL in settings_page
    page = logged_in_client.get(DATA_URL).content.decode()
    assert 'id="data-request"' in page and "You have not asked for a download yet" in page
    assert "<title>Settings<section" not in settings_page
