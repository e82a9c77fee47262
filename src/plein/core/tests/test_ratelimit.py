"""Limits on posting, commenting, reacting, inviting and password reset: past the limit a clear
429 page (or, for htmx, a message at the top of the page) with Retry-After; nothing is written."""

import pytest
from django.core import mail
from django.urls import reverse

from plein.core.ratelimit import Rate, hit
from plein.people.tests.factories import PersonFactory
from plein.posts import services
from plein.posts.models import Comment, Post, Reaction
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_RATE_LIMITS = {
        "post": "2/hour",
        "comment": "2/hour",
        "reaction": "2/min",
        "invitation": "1/hour",
        "password_reset": "2/hour",
    }
    return settings.PLEIN_RATE_LIMITS


@pytest.fixture
def post(person):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    MembershipFactory(space=space, person=person)
    return services.post_create(author=person, body="Hallo", space=space)


def test_rates_are_read_as_count_per_period() -> None:
    assert Rate.parse("30/hour") == Rate(30, 3600)
    assert Rate.parse("5/10min") == Rate(5, 600)
    assert Rate.parse("100/day") == Rate(100, 86400)


def test_the_window_counts_per_key_and_says_how_long_to_wait(limits) -> None:
    assert hit("invitation", "person:1") is None
    wait = hit("invitation", "person:1")
    assert wait is not None and 0 < wait <= 3600
    assert hit("invitation", "person:2") is None  # someone else has a budget of their own


def test_commenting_past_the_limit_gets_the_429_page_and_writes_nothing(
    limits, logged_in_client, post
) -> None:
    url = reverse("posts:comment_create", args=[post.pk])
    for n in range(2):
        assert logged_in_client.post(url, {"body": f"Nummer {n}"}).status_code == 302
    response = logged_in_client.post(url, {"body": "Te veel"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "<h1>Too many in a short time</h1>" in html
    assert 'class="site-nav"' in html  # Plein's layout, with a way on
    assert Comment.objects.count() == 2


def test_an_htmx_reaction_past_the_limit_gets_a_message_for_the_top_of_the_page(
    limits, logged_in_client, post
) -> None:
    url = reverse("posts:react", args=[post.pk])
    for kind in ("like", "like"):
        logged_in_client.post(url, {"kind": kind}, HTTP_HX_REQUEST="true")
    response = logged_in_client.post(url, {"kind": "love"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert response["HX-Retarget"] == "#main" and response["HX-Reswap"] == "afterbegin"
    html = response.content.decode()
    assert html.startswith('<div class="messages" role="alert">')
    assert "this has not been sent. Try again in about 1 minute." in html
    assert "<html" not in html
    assert not Reaction.objects.exists()


def test_posting_is_limited_but_the_composer_page_is_not(limits, logged_in_client, post) -> None:
    url = reverse("posts:create")
    for _ in range(2):
        logged_in_client.post(url, {"body": "Nog een", "space": post.space.slug})
    assert logged_in_client.post(url, {"body": "Te veel"}).status_code == 429
    assert logged_in_client.get(url).status_code == 200
    assert Post.objects.count() == 3


def test_invitations_are_limited(limits, client) -> None:
    space = SpaceFactory(kind="secret")
    owner = MembershipFactory(space=space, role="owner").person
    first, second = PersonFactory(), PersonFactory()
    client.force_login(owner)
    url = reverse("spaces:invite", args=[space.slug])
    assert client.post(url, {"email": first.email}).status_code == 302
    assert client.post(url, {"email": second.email}).status_code == 429
    assert not Membership.objects.filter(person=second).exists()


def test_password_reset_is_limited_per_address_and_per_email(limits, client) -> None:
    PersonFactory(email="ans@example.org")
    url = reverse("accounts:password_reset")
    for _ in range(2):
        assert client.post(url, {"email": "ans@example.org"}).status_code == 302
    assert client.post(url, {"email": "ANS@example.org"}).status_code == 429
    assert len(mail.outbox) == 2
    # Another address asking about the same person is refused too; the page itself stays open.
    other = client.post(url, {"email": "ans@example.org"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 429
    assert client.get(url).status_code == 200
