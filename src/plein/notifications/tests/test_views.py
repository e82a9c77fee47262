import pytest
from django.urls import reverse

from plein.core.tests.utils import messages_of
from plein.notifications.models import Notification, NotificationSettings, SpaceMute
from plein.people.tests.factories import PersonFactory
from plein.posts.tests.factories import CommentFactory, PostFactory
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

Kind = Notification.Kind
pytestmark = pytest.mark.django_db
LIST = reverse("notifications:list")
SETTINGS = reverse("notifications:settings")


def make(person, n: int, **kwargs: object) -> list[Notification]:  # type: ignore[no-untyped-def]
    space = SpaceFactory(name="Team Communicatie")
    actor = PersonFactory(first_name="Anna", last_name="Vries")
    made = []
    for _ in range(n):
        post = PostFactory(author=person, space=space)
        made.append(
            Notification.objects.create(
                recipient=person,
                actor=actor,
                kind=Kind.MENTION,
                post=post,
                comment=CommentFactory(post=post),
                space=space,
                **kwargs,
            )
        )
    return made


def test_bell_shows_the_unread_count_for_screen_readers_too(logged_in_client, person):  # type: ignore[no-untyped-def]
    make(person, 3)
    make(person, 1, read_at="2026-01-01T00:00Z")
    html = logged_in_client.get(reverse("accounts:settings")).content.decode()
    assert 'id="notification-bell-count" aria-hidden="true">3<' in html
    assert "Notifications, 3 unread" in html


def test_list_sentences_links_and_unread_marking(logged_in_client, person):  # type: ignore[no-untyped-def]
    unread, read = make(person, 2)
    read.read_at = read.created_at
    read.save()
    html = logged_in_client.get(LIST).content.decode()
    assert "Anna Vries mentioned you in Team Communicatie" in html
    assert reverse("notifications:open", args=[unread.pk]) in html
    assert html.count("notification--unread") == 1
    assert f'id="notification-{unread.pk}"' in html.split("notification--unread")[1][:40]
    assert SETTINGS in html


@pytest.mark.parametrize("count", [3, 15])
def test_list_query_count_is_flat(client, count, django_assert_num_queries):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    make(person, count)
    client.force_login(person)
    client.get(LIST)  # the first request of a visit also records the visit
    # session, user, paginator count, page, 2 x permissions (menu), and the bell: the unread
    # rows, their posts, the person's memberships (test_unread.py)
    with django_assert_num_queries(9):
        response = client.get(LIST)
    assert response.content.decode().count('class="notification ') == count


def test_list_hides_notifications_about_content_no_longer_visible(logged_in_client, person):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.SECRET, name="Geheime fusie")
    MembershipFactory(space=space, person=person)
    post = PostFactory(space=space, author=MembershipFactory(space=space).person)
    notification = Notification.objects.create(
        recipient=person, kind=Kind.MENTION, post=post, space=space, actor=post.author
    )
    assert "Geheime fusie" in logged_in_client.get(LIST).content.decode()
    Membership.objects.filter(space=space, person=person).update(state=Membership.State.REMOVED)
    html = logged_in_client.get(LIST).content.decode()
    assert "Geheime fusie" not in html
    assert 'id="notification-bell-count"' not in html
    response = logged_in_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404


def test_opening_marks_read_and_redirects(logged_in_client, person):  # type: ignore[no-untyped-def]
    (notification,) = make(person, 1)
    response = logged_in_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("posts:detail", args=[notification.post_id]) + f"#comment-{notification.comment_id}"
    )
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_cannot_open_someone_elses_notification(logged_in_client):  # type: ignore[no-untyped-def]
    (other,) = make(PersonFactory(), 1)
    assert logged_in_client.get(reverse("notifications:open", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_space_notification_links_to_the_space(logged_in_client, person):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    n = Notification.objects.create(recipient=person, kind=Kind.SPACE_REQUEST, space=space)
    response = logged_in_client.get(reverse("notifications:open", args=[n.pk]))
    assert response["Location"] == reverse("spaces:members", args=[space.slug])


def test_mark_all_read_without_javascript(logged_in_client, person):  # type: ignore[no-untyped-def]
    make(person, 2)
    assert logged_in_client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = logged_in_client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    assert messages_of(logged_in_client.get(LIST))


def test_mark_all_read_with_htmx_updates_list_and_bell(logged_in_client, person):  # type: ignore[no-untyped-def]
    make(person, 2)
    response = logged_in_client.post(
        reverse("notifications:mark_all_read"), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "notification--unread" not in html
    assert 'aria-live="polite" hx-swap-oob="innerHTML"' in html
    assert "Notifications, 0 unread" in html


def test_settings_page_saves_choices(logged_in_client, person):  # type: ignore[no-untyped-def]
    response = logged_in_client.get(SETTINGS)
    assert response.status_code == 200
    assert response.context["form"]["digest"].value() == "weekly"
    response = logged_in_client.post(SETTINGS, {"email_replies": "on", "digest": "daily"})
    assert response.status_code == 302
    prefs = NotificationSettings.objects.get(person=person)
    assert (prefs.email_mentions, prefs.email_replies, prefs.digest) == (False, True, "daily")


def test_settings_form_rejects_an_unknown_frequency_and_keeps_input(logged_in_client, person):  # type: ignore[no-untyped-def]
    response = logged_in_client.post(SETTINGS, {"email_mentions": "on", "digest": "hourly"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "form-errors" in html
    assert response.context["form"]["email_mentions"].value() is True
    assert not NotificationSettings.objects.filter(person=person).exists()


def test_account_settings_links_here(logged_in_client):  # type: ignore[no-untyped-def]
    assert SETTINGS in logged_in_client.get(reverse("accounts:settings")).content.decode()


def test_mute_and_unmute_a_space(logged_in_client, person):  # type: ignore[no-untyped-def]
    space = SpaceFactory(name="Kantine")
    MembershipFactory(space=space, person=person)
    page = logged_in_client.get(space.get_absolute_url()).content.decode()
    assert 'id="space-mute"' in page
    url = reverse("notifications:space_mute", args=[space.slug])
    response = logged_in_client.post(url, {"muted": "1", "next": space.get_absolute_url()})
    assert response["Location"] == space.get_absolute_url()
    assert SpaceMute.objects.filter(person=person, space=space).exists()
    assert 'id="space-unmute"' in logged_in_client.get(space.get_absolute_url()).content.decode()
    settings_page = logged_in_client.get(SETTINGS).content.decode()
    assert f'id="unmute-{space.slug}"' in settings_page
    response = logged_in_client.post(url, {"muted": "0", "next": "https://evil.example/"})
    assert response["Location"] == space.get_absolute_url()
    assert not SpaceMute.objects.exists()


def test_mute_needs_access(logged_in_client):  # type: ignore[no-untyped-def]
    closed = SpaceFactory(kind=Space.Kind.CLOSED)
    secret = SpaceFactory(kind=Space.Kind.SECRET)
    assert (
        logged_in_client.post(
            reverse("notifications:space_mute", args=[closed.slug]), {"muted": "1"}
        ).status_code
        == 403
    )
    assert (
        logged_in_client.post(
            reverse("notifications:space_mute", args=[secret.slug]), {"muted": "1"}
        ).status_code
        == 404
    )
    assert not SpaceMute.objects.exists()


def test_pages_need_login(client):  # type: ignore[no-untyped-def]
    for url in (LIST, SETTINGS):
        assert client.get(url).status_code == 302
