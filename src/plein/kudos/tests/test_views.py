from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from plein.notifications.models import Notification
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory
from plein.spaces.tests.factories import SpaceFactory

from ..models import Badge, KudosDetails, Spotlight
from ..views import profile_kudos_context
from .factories import BadgeFactory, KudosFactory, SpotlightFactory

pytestmark = pytest.mark.django_db


def test_the_wall_lists_kudos_with_badge_and_recipient(logged_in_client):  # type: ignore[no-untyped-def]
    kudos = KudosFactory(badge=BadgeFactory(name="Helper", emoji="🙋"), post__body="Thanks!")
    response = logged_in_client.get(reverse("kudos:wall"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="post-{kudos.post.pk}"' in html
    assert "🙋" in html and "Helper" in html and escape(kudos.recipient.full_name) in html
    assert 'id="kudos-badges-link"' not in html


def test_the_wall_needs_a_login(client):  # type: ignore[no-untyped-def]
    response = client.get(reverse("kudos:wall"))
    assert response.status_code == 302


def test_the_wall_pages_with_htmx(logged_in_client, settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_FEED_PAGE_SIZE = 2
    kudos = [KudosFactory() for _ in range(3)]
    first = logged_in_client.get(reverse("kudos:wall"))
    more = first.context["stream_more_url"]
    assert more
    response = logged_in_client.get(more, headers={"HX-Request": "true"})
    assert [p.pk for p in response.context["stream_posts"]] == [kudos[0].post.pk]
    assert "<html" not in response.content.decode()


def test_give_kudos_in_two_steps(client, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    giver = PersonFactory()
    recipient = PersonFactory(first_name="Zoë", last_name="Zonneveld")
    client.force_login(giver)
    url = reverse("kudos:give")
    found = client.get(url, {"q": "Zonneveld"})
    assert f'id="kudos-to-{recipient.pk}"' in found.content.decode()
    form = client.get(url, {"to": recipient.pk})
    assert 'id="kudos-form"' in form.content.decode()
    badge = Badge.objects.get(name="Klantheld")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"recipient": recipient.pk, "badge": badge.pk, "message": "Super geholpen!"}
        )
    details = KudosDetails.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('kudos:wall')}#post-{details.post_id}"
    assert (details.recipient, details.badge, details.post.author) == (recipient, badge, giver)
    assert Notification.objects.filter(recipient=recipient, kind=Notification.Kind.KUDOS).exists()


def test_the_live_search_returns_results_only(logged_in_client, person):  # type: ignore[no-untyped-def]
    other = PersonFactory(last_name="Vermeulen")
    url = reverse("kudos:recipient_search")
    response = logged_in_client.get(url, {"q": "Vermeulen"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert f'id="kudos-to-{other.pk}"' in html and "<html" not in html
    own = logged_in_client.get(url, {"q": person.last_name}, headers={"HX-Request": "true"})
    assert f'id="kudos-to-{person.pk}"' not in own.content.decode()
    without_js = logged_in_client.get(url, {"q": "Vermeulen"})
    assert without_js.status_code == 302 and "q=Vermeulen" in without_js["Location"]


def test_a_bad_give_form_shows_what_was_typed(logged_in_client):  # type: ignore[no-untyped-def]
    recipient = PersonFactory()
    response = logged_in_client.post(
        reverse("kudos:give"), {"recipient": recipient.pk, "message": "Mijn tekst"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn tekst" in html and 'id="kudos-form"' in html
    assert response.context["form"].errors["badge"]
    assert not Post.objects.exists()


def test_kudos_to_yourself_or_nobody_go_back_to_the_search(logged_in_client, person):  # type: ignore[no-untyped-def]
    badge = Badge.objects.first()
    for recipient in (person.pk, "", 99999):
        response = logged_in_client.post(
            reverse("kudos:give"), {"recipient": recipient, "badge": badge.pk, "message": "Hoi"}
        )
        assert response.status_code == 400
        assert 'id="kudos-recipient-search"' in response.content.decode()
    assert not Post.objects.exists()


def test_management_pages_are_for_community_managers(logged_in_client):  # type: ignore[no-untyped-def]
    badge = Badge.objects.first()
    item = SpotlightFactory()
    for url in (
        reverse("kudos:badges"),
        reverse("kudos:badge_edit", args=[badge.pk]),
        reverse("kudos:spotlight"),
        reverse("kudos:spotlight_edit", args=[item.pk]),
    ):
        assert logged_in_client.get(url).status_code == 403
    for url in (
        reverse("kudos:badge_move", args=[badge.pk]),
        reverse("kudos:badge_active", args=[badge.pk]),
        reverse("kudos:spotlight_end", args=[item.pk]),
    ):
        assert logged_in_client.post(url).status_code == 403
    assert Spotlight.objects.filter(pk=item.pk).exists()


def test_badges_page_adds_edits_moves_and_retires(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    url = reverse("kudos:badges")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"emoji": "", "name": "Meedenker"})
    assert bad.status_code == 400 and "Meedenker" in bad.content.decode()
    response = client.post(url, {"emoji": "🧠", "name": "Meedenker", "description": ""})
    assert response.status_code == 302
    badge = Badge.objects.get(name="Meedenker")
    assert list(Badge.objects.all())[-1] == badge
    client.post(reverse("kudos:badge_move", args=[badge.pk]), {"direction": "up"})
    assert list(Badge.objects.all())[-2] == badge
    edit = reverse("kudos:badge_edit", args=[badge.pk])
    taken = client.post(edit, {"emoji": "🧠", "name": "teamspeler"})
    assert taken.status_code == 400 and taken.context["form"].errors
    client.post(edit, {"emoji": "🧠", "name": "Denker"})
    client.post(reverse("kudos:badge_active", args=[badge.pk]), {"active": "0"})
    badge.refresh_from_db()
    assert (badge.name, badge.is_active) == ("Denker", False)


def test_spotlight_page_adds_a_person_or_a_post(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    url = reverse("kudos:spotlight")
    colleague = PersonFactory(email="anna@example.org")
    post = PostFactory()
    today = timezone.localdate().isoformat()
    week = (timezone.localdate() + timedelta(days=6)).isoformat()
    response = client.post(
        url, {"person": "Anna@example.org", "starts_on": today, "ends_on": week, "message": "Top"}
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {"post": f"http://testserver/posts/{post.pk}/", "starts_on": today, "ends_on": today},
    )
    assert response.status_code == 302
    assert {(s.person, s.post) for s in Spotlight.objects.all()} == {
        (colleague, None),
        (None, post),
    }
    page = client.get(url).content.decode()
    assert escape(colleague.full_name) in page


def test_spotlight_form_re_shows_input_on_errors(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    closed = PostFactory(space=SpaceFactory(kind="closed"))
    today = timezone.localdate().isoformat()
    url = reverse("kudos:spotlight")
    response = client.post(url, {"post": str(closed.pk), "starts_on": today, "ends_on": today})
    assert response.status_code == 400
    assert response.context["form"].errors["post"]
    response = client.post(
        url, {"person": "nobody@example.org", "starts_on": today, "ends_on": today}
    )
    assert response.status_code == 400 and "nobody@example.org" in response.content.decode()
    assert not Spotlight.objects.exists()


def test_spotlight_picks_with_the_picker_and_hides_what_the_manager_may_not_see(  # type: ignore[no-untyped-def]
    client, community_manager
):
    client.force_login(community_manager)
    url = reverse("kudos:spotlight")
    page = client.get(url).content.decode()
    assert f'data-picker-url="{reverse("people:picker")}"' in page
    assert f'data-picker-url="{reverse("posts:picker")}"' in page
    today = timezone.localdate().isoformat()
    colleague = PersonFactory(email="bram@example.org")
    response = client.post(
        url,
        {
            "person": f"{colleague.full_name} <bram@example.org>",
            "starts_on": today,
            "ends_on": today,
        },
    )
    assert response.status_code == 302
    post = PostFactory(title="Jubileum")
    response = client.post(
        url, {"post": f"Jubileum (/posts/{post.pk}/)", "starts_on": today, "ends_on": today}
    )
    assert response.status_code == 302
    assert {(s.person, s.post) for s in Spotlight.objects.all()} == {
        (colleague, None),
        (None, post),
    }
    # A post in a secret space the manager is not in is "not found", like a wrong number.
    secret = PostFactory(space=SpaceFactory(kind="secret"))
    errors = {}
    for number in (secret.pk, 999999):
        response = client.post(
            url, {"post": f"/posts/{number}/", "starts_on": today, "ends_on": today}
        )
        errors[number] = response.context["form"].errors["post"]
    assert errors[secret.pk] == errors[999999] == ["No post found at this address."]


def test_spotlight_edit_and_end(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    today = timezone.localdate()
    item = SpotlightFactory(starts_on=today - timedelta(days=2), ends_on=today)
    edit = reverse("kudos:spotlight_edit", args=[item.pk])
    later = (today + timedelta(days=3)).isoformat()
    assert (
        client.post(edit, {"starts_on": item.starts_on.isoformat(), "ends_on": later}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.ends_on.isoformat() == later
    client.post(reverse("kudos:spotlight_end", args=[item.pk]))
    item.refresh_from_db()
    assert item.ends_on == today - timedelta(days=1)
    assert client.get(reverse("kudos:spotlight_edit", args=[999])).status_code == 404


def test_profile_partial_shows_count_latest_and_give_button(person):  # type: ignore[no-untyped-def]
    recipient = PersonFactory()
    for _ in range(4):
        KudosFactory(recipient=recipient)
    request = RequestFactory().get("/")
    request.user = person
    context = profile_kudos_context(request, recipient)  # type: ignore[arg-type]
    assert context["kudos_count"] == 4 and len(context["kudos_latest"]) == 3
    html = render_to_string(
        "kudos/partials/profile_kudos.html", {**context, "person": recipient}, request=request
    )
    assert f'href="{reverse("kudos:give")}?to={recipient.pk}"' in html
    request.user = recipient
    assert not profile_kudos_context(request, recipient)["can_give_kudos"]  # type: ignore[arg-type]


def test_the_post_page_of_kudos_shows_the_badge_and_recipient(logged_in_client):  # type: ignore[no-untyped-def]
    kudos = KudosFactory(badge=BadgeFactory(name="Doorzetter", emoji="🏔"))
    response = logged_in_client.get(kudos.post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Doorzetter" in html and escape(kudos.recipient.full_name) in html
