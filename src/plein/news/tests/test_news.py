from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult
from PIL import Image

from plein.notifications.models import Notification
from plein.people.tests.factories import DepartmentFactory, LocationFactory, PersonFactory
from plein.posts import selectors as post_selectors
from plein.posts import tasks as notification_tasks
from plein.posts.services import ImageUpload, Reach

from .. import selectors, services, tasks
from ..models import NewsItem, ReadConfirmation
from .factories import news_item

pytestmark = pytest.mark.django_db


def _png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def editor():  # type: ignore[no-untyped-def]
    return PersonFactory(roles=["editor"])


@pytest.fixture
def tree():  # type: ignore[no-untyped-def]
    """A department with a team under it, and another department."""
    parent = DepartmentFactory(name="Burgerzaken")
    team = DepartmentFactory(name="Publiekszaken", parent=parent)
    other = DepartmentFactory(name="ICT")
    return parent, team, other


def _archive_ids(user, **filters) -> list[int]:  # type: ignore[no-untyped-def]
    page = selectors.news_archive(user, selectors.ArchiveFilters(**filters))
    return [post.pk for post in page.object_list]


# -- visibility -------------------------------------------------------------------------------


def test_targeted_news_reaches_department_and_its_teams_only(client, editor, tree):  # type: ignore[no-untyped-def]
    parent, team, other = tree
    item = news_item(author=editor, reach=Reach(departments=[parent]))
    in_team, outsider = PersonFactory(department=team), PersonFactory(department=other)
    assert _archive_ids(in_team) == [item.pk]
    assert _archive_ids(outsider) == []
    client.force_login(outsider)
    assert client.get(reverse("news:detail", args=[item.pk])).status_code == 404
    client.force_login(in_team)
    response = client.get(reverse("news:detail", args=[item.pk]))
    assert response.status_code == 200
    assert item.lead in response.content.decode()


def test_location_audience(editor):  # type: ignore[no-untyped-def]
    werf, stadhuis = LocationFactory(name="Werf"), LocationFactory(name="Stadhuis")
    item = news_item(author=editor, reach=Reach(locations=[werf]))
    assert _archive_ids(PersonFactory(location=werf)) == [item.pk]
    assert _archive_ids(PersonFactory(location=stadhuis)) == []


def test_planned_and_taken_down_news_hidden_until_and_after(client, editor):  # type: ignore[no-untyped-def]
    now = timezone.now()
    planned = news_item(author=editor, reach=Reach(publish_at=now + timedelta(days=1)))
    gone = news_item(
        author=editor,
        reach=Reach(publish_at=now - timedelta(days=3), hidden_after=now - timedelta(days=1)),
    )
    live = news_item(author=editor)
    reader = PersonFactory()
    assert _archive_ids(reader) == [live.pk]
    client.force_login(reader)
    for item in (planned, gone):
        assert client.get(reverse("news:detail", args=[item.pk])).status_code == 404
    # Editors see what is planned and taken down, marked as planned.
    assert set(_archive_ids(editor)) == {planned.pk, gone.pk, live.pk}
    client.force_login(editor)
    assert client.get(reverse("news:detail", args=[planned.pk])).status_code == 200


def test_news_appears_in_home_stream_with_its_card(client, editor):  # type: ignore[no-untyped-def]
    item = news_item(author=editor, title="Nieuwe werkplekken", must_read=True)
    reader = PersonFactory()
    feed = post_selectors.home_feed(reader)
    assert [p.pk for p in feed.posts] == [item.pk]
    assert feed.posts[0].news.lead == item.lead
    client.force_login(reader)
    html = client.get(reverse("posts:feed")).content.decode()
    assert f'id="news-{item.pk}-card-link"' in html
    assert "tag--must-read" in html


def test_featured_news_for_start_page(editor, tree):  # type: ignore[no-untyped-def]
    parent, _team, other = tree
    old = news_item(author=editor, featured=True)
    news_item(author=editor)
    news_item(author=editor, featured=True, reach=Reach(departments=[parent]))
    new = news_item(author=editor, featured=True)
    reader = PersonFactory(department=other)
    posts = selectors.featured_news(reader, limit=3)
    assert [p.pk for p in posts] == [new.pk, old.pk]
    assert posts[0].news == new and posts[0].news.featured


# -- writing ----------------------------------------------------------------------------------


def test_only_editors_and_community_managers_write(client, community_manager):  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    with pytest.raises(PermissionDenied):
        news_item(author=reader)
    client.force_login(reader)
    assert client.get(reverse("news:create")).status_code == 403
    assert client.post(reverse("news:create"), {"title": "x"}).status_code == 403
    assert news_item(author=community_manager).post.kind == "news"


def test_editor_writes_targeted_planned_news_with_image(client, editor, tree):  # type: ignore[no-untyped-def]
    parent, _team, _other = tree
    client.force_login(editor)
    response = client.post(
        reverse("news:create"),
        {
            "title": "Paspoorten op afspraak",
            "lead": "Vanaf volgende maand alleen op afspraak.",
            "body": "De **balies** werken op afspraak.",
            "image": _png(),
            "image_alt": "De balie in het stadhuis",
            "departments": [parent.pk],
            "publish_at": "2031-05-04T09:30",
            "must_read": "on",
        },
    )
    item = NewsItem.objects.select_related("post").get()
    assert response.status_code == 302
    assert response["Location"] == reverse("news:detail", args=[item.pk])
    post = item.post
    assert post.kind == "news" and post.is_announcement and post.is_targeted
    assert list(post.audience_departments.all()) == [parent]
    local = timezone.localtime(post.created_at)
    assert (local.year, local.hour, local.minute, str(local.tzinfo)) == (
        2031,
        9,
        30,
        "Europe/Amsterdam",
    )
    assert item.must_read and item.image and item.thumbnail
    assert item.image_alt == "De balie in het stadhuis"
    assert "<strong>balies</strong>" in post.body_html
    image = client.get(reverse("news:image", args=[item.pk, "thumb"]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"


def test_form_errors_reshow_input(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    response = client.post(
        reverse("news:create"),
        {"title": "Mijn titel", "lead": "", "body": "Tekst die blijft", "image": _png()},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Mijn titel"' in html and "Tekst die blijft" in html
    errors = response.context["form"].errors
    assert "lead" in errors and "image_alt" in errors
    assert not NewsItem.objects.exists()


def test_take_down_before_publication_is_refused(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    response = client.post(
        reverse("news:create"),
        {
            "title": "T",
            "lead": "L",
            "body": "B",
            "publish_at": "2031-05-04T09:30",
            "hidden_after": "2031-05-01T09:30",
        },
    )
    assert response.status_code == 400
    assert "hidden_after" in response.context["form"].errors


def test_service_requires_alt_text(editor):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        news_item(author=editor, image=ImageUpload(_png(), "  "))
    assert "image_alt" in error.value.message_dict


def test_edit_changes_the_description_of_the_kept_image(client, editor):  # type: ignore[no-untyped-def]
    item = news_item(author=editor, image=ImageUpload(_png(), "Oud"))
    fields = {"title": "T", "lead": "L", "body": "B"}
    client.force_login(editor)
    response = client.post(reverse("news:edit", args=[item.pk]), {**fields, "image_alt": " "})
    assert response.status_code == 400 and "image_alt" in response.context["form"].errors
    client.post(reverse("news:edit", args=[item.pk]), {**fields, "image_alt": "Nieuw"})
    item.refresh_from_db()
    assert item.image and item.image_alt == "Nieuw"


def test_any_editor_edits_and_changes_audience(client, editor, tree):  # type: ignore[no-untyped-def]
    parent, _team, other = tree
    item = news_item(author=editor, image=ImageUpload(_png(), "Oud"))
    colleague = PersonFactory(roles=["editor"])
    client.force_login(colleague)
    page = client.get(reverse("news:edit", args=[item.pk]))
    assert page.status_code == 200 and item.lead in page.content.decode()
    response = client.post(
        reverse("news:edit", args=[item.pk]),
        {
            "title": "Nieuwe titel",
            "lead": "Nieuwe lead",
            "body": "Nieuwe tekst",
            "departments": [other.pk],
            "publish_at": timezone.localtime(item.post.created_at).strftime("%Y-%m-%dT%H:%M"),
            "featured": "on",
            "remove_image": "on",
        },
    )
    assert response.status_code == 302
    created_at = item.post.created_at
    item.refresh_from_db()
    item.post.refresh_from_db()
    assert item.post.created_at == created_at  # the moment shown in minutes is kept exactly
    assert item.post.title == "Nieuwe titel" and item.lead == "Nieuwe lead" and item.featured
    assert not item.image and not item.image_alt
    assert _archive_ids(PersonFactory(department=parent)) == []
    client.force_login(PersonFactory())
    assert client.get(reverse("news:edit", args=[item.pk])).status_code == 404


# -- must read --------------------------------------------------------------------------------


def test_must_read_notifies_reached_people_on_publication(  # type: ignore[no-untyped-def]
    editor, tree, django_capture_on_commit_callbacks
):
    parent, team, other = tree
    in_team, outsider = PersonFactory(department=team), PersonFactory(department=other)
    with django_capture_on_commit_callbacks(execute=True):
        item = news_item(author=editor, must_read=True, reach=Reach(departments=[parent]))
    told = Notification.objects.filter(kind=Notification.Kind.MUST_READ)
    assert list(told.values_list("recipient_id", flat=True)) == [in_team.pk]
    assert outsider.pk not in told.values_list("recipient_id", flat=True)
    item.refresh_from_db()
    assert item.must_read_notified_at is not None
    # Announced once: running the task again tells nobody.
    assert tasks.must_read_announce.call(item.pk) == 0


def test_the_must_read_email_names_the_article(  # type: ignore[no-untyped-def]
    editor, django_capture_on_commit_callbacks
):
    reader = PersonFactory(email="reader@example.org", language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        news_item(author=editor, title="Nieuwe parkeerregels", must_read=True)
    (message,) = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Nieuwe parkeerregels" in message.subject
    assert message.subject.startswith("Lees “Nieuwe parkeerregels”")
    assert editor.full_name in message.subject


def test_planned_must_read_is_announced_at_its_moment(  # type: ignore[no-untyped-def]
    settings, editor, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reader = PersonFactory()
    moment = timezone.now() + timedelta(hours=5)
    with django_capture_on_commit_callbacks(execute=True):
        item = news_item(author=editor, must_read=True, reach=Reach(publish_at=moment))
    planned = DBTaskResult.objects.get(task_path=tasks.must_read_announce.module_path)
    assert planned.run_after == moment
    # Run early (or after the editor moved it later): the task sees it is not published yet.
    assert tasks.must_read_announce.call(item.pk) == 0
    item.post.__class__.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.must_read_announce.call(item.pk) == 1
    assert not Notification.objects.filter(recipient=reader).exists()  # queued in the DB backend
    assert (
        DBTaskResult.objects.filter(task_path=notification_tasks.post_notify.module_path).count()
        == 1
    )


def test_confirm_read_and_report_per_department(client, editor, tree):  # type: ignore[no-untyped-def]
    parent, team, other = tree
    a1, a2 = PersonFactory(department=parent), PersonFactory(department=parent)
    t1 = PersonFactory(department=team)
    outsider = PersonFactory(department=other)
    item = news_item(author=editor, must_read=True, reach=Reach(departments=[parent]))
    client.force_login(a1)
    page = client.get(reverse("news:detail", args=[item.pk])).content.decode()
    assert f'id="news-{item.pk}-confirm-button"' in page
    response = client.post(reverse("news:confirm", args=[item.pk]))
    assert response.status_code == 302
    # htmx gets the partial; confirming twice keeps one confirmation.
    response = client.post(reverse("news:confirm", args=[item.pk]), HTTP_HX_REQUEST="true")
    assert "news-confirm__done" in response.content.decode()
    client.force_login(t1)
    # The notification leads to the post page: the button is there too.
    post_page = client.get(reverse("posts:detail", args=[item.pk])).content.decode()
    assert f'id="news-{item.pk}-confirm-button"' in post_page
    client.post(reverse("news:confirm", args=[item.pk]))
    assert ReadConfirmation.objects.count() == 2
    client.force_login(outsider)
    assert client.post(reverse("news:confirm", args=[item.pk])).status_code == 404
    # The editor (not in the audience) has no button, but the report.
    report = selectors.read_report(item)
    rows = {row.name: (len(row.confirmed), len(row.not_confirmed)) for row in report.departments}
    assert rows == {"Burgerzaken": (1, 1), "Publiekszaken": (1, 0)}
    assert (report.confirmed, report.not_confirmed) == (2, 1)
    client.force_login(editor)
    html = client.get(reverse("news:report", args=[item.pk])).content.decode()
    assert escape(a2.full_name) in html and "news-report-totals" in html
    assert (
        f'id="news-{item.pk}-confirm-button"'
        not in client.get(reverse("news:detail", args=[item.pk])).content.decode()
    )


def test_report_only_for_editors(client, editor):  # type: ignore[no-untyped-def]
    item = news_item(author=editor, must_read=True)
    client.force_login(PersonFactory())
    assert client.get(reverse("news:report", args=[item.pk])).status_code == 403
    assert client.post(reverse("news:remind", args=[item.pk])).status_code == 403


def test_reminder_goes_once_to_who_has_not_confirmed(  # type: ignore[no-untyped-def]
    client, editor, django_capture_on_commit_callbacks
):
    read, unread = PersonFactory(), PersonFactory()
    item = news_item(author=editor, must_read=True)
    services.news_confirm_read(item=item, person=read)
    Notification.objects.all().delete()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("news:remind", args=[item.pk]))
    assert response.status_code == 302
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [unread.pk]
    with pytest.raises(ValidationError):
        services.news_send_reminder(item=item, editor=editor)
    response = client.get(reverse("news:report", args=[item.pk]))
    assert 'id="news-reminder-sent"' in response.content.decode()
    assert Notification.objects.count() == 1


def test_no_confirm_on_planned_or_optional_items(editor):  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    optional = news_item(author=editor)
    planned = news_item(
        author=editor, must_read=True, reach=Reach(publish_at=timezone.now() + timedelta(days=1))
    )
    for item in (optional, planned):
        with pytest.raises(PermissionDenied):
            services.news_confirm_read(item=item, person=reader)
    assert not ReadConfirmation.objects.exists()


# -- archive ----------------------------------------------------------------------------------


def test_archive_filters(client, editor, tree):  # type: ignore[no-untyped-def]
    parent, _team, _other = tree
    werf = LocationFactory(name="Werf")
    strooi = news_item(author=editor, title="Strooiwagens klaar", reach=Reach(locations=[werf]))
    paspoort = news_item(
        author=editor,
        title="Paspoorten",
        lead="Op afspraak",
        must_read=True,
        reach=Reach(departments=[parent]),
    )
    prijs = news_item(author=editor, title="Prijs gewonnen", featured=True)
    old = news_item(author=editor, title="Oud bericht")
    old.post.__class__.objects.filter(pk=old.pk).update(
        created_at=timezone.now().replace(year=2020, month=3, day=10)
    )
    assert _archive_ids(editor, q="afspraak") == [paspoort.pk]
    assert _archive_ids(editor, q="STROOI") == [strooi.pk]
    assert _archive_ids(editor, department=parent) == [paspoort.pk]
    assert _archive_ids(editor, location=werf) == [strooi.pk]
    assert _archive_ids(editor, must_read=True) == [paspoort.pk]
    assert _archive_ids(editor, featured=True) == [prijs.pk]
    assert _archive_ids(editor, year=2020, month=3) == [old.pk]
    assert _archive_ids(editor, year=2020, month=4) == []
    client.force_login(editor)
    response = client.get(reverse("news:archive"), {"year": "2020", "q": "bericht"})
    assert [p.pk for p in response.context["page"].object_list] == [old.pk]
    response = client.get(reverse("news:archive"), {"featured": "on"}, HTTP_HX_REQUEST="true")
    assert (
        "<html" not in response.content.decode() and "Prijs gewonnen" in response.content.decode()
    )


def test_archive_query_count_is_flat(client, editor, django_assert_num_queries):  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    news_item(author=editor, must_read=True)
    client.force_login(reader)
    client.get(reverse("news:archive"))  # warm up caches (branding, session)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("news:archive")).status_code == 200
        return len(queries)

    few = count()
    for n in range(6):
        news_item(
            author=editor,
            featured=bool(n % 2),
            must_read=bool(n % 3),
            image=ImageUpload(_png(), "x"),
        )
    assert count() == few
    with django_assert_num_queries(few):
        client.get(reverse("news:archive"))


def test_demo_step(editor, tree):  # type: ignore[no-untyped-def]
    import random

    from django.core.management.base import OutputWrapper
    from faker import Faker

    from ..demo import news_step

    PersonFactory.create_batch(5)
    out = io.StringIO()
    news_step(rng=random.Random(1), fake=Faker("nl_NL"), people=5, stdout=OutputWrapper(out))
    assert NewsItem.objects.count() == 8
    assert NewsItem.objects.filter(must_read=True).count() == 2
    assert NewsItem.objects.filter(post__created_at__gt=timezone.now()).count() == 1
    assert ReadConfirmation.objects.exists()
    assert "news: 8 items" in out.getvalue()
