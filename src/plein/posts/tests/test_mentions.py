"""Mentions show names, linked for the reader, and never tell who or what exists to those who
may not see it: in previews, posts and comments, whoever wrote them."""

import re

import pytest
from django.urls import reverse

from plein.people.tests.factories import PersonFactory
from plein.posts import services
from plein.spaces.models import Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _mentions(html: str) -> list[str]:
    return re.findall(r'<a class="mention"[^>]*>[^<]*</a>', html)


def _preview(client, body: str) -> str:  # type: ignore[no-untyped-def]
    response = client.post(reverse("posts:preview"), {"body": body}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return str(response.content.decode())


def test_preview_cannot_tell_a_secret_space_from_a_made_up_address(client, person) -> None:
    secret = SpaceFactory(kind=Space.Kind.SECRET, slug="overname", name="Project Overname")
    client.force_login(person)
    hidden = _preview(client, "Weet iemand iets over @overname?")
    made_up = _preview(client, "Weet iemand iets over @verzonnen?")
    assert "Project Overname" not in hidden and "/spaces/overname/" not in hidden
    assert hidden.replace("overname", "verzonnen") == made_up
    # A member sees the space, by name, linked.
    MembershipFactory(space=secret, person=person)
    shown = _preview(client, "Weet iemand iets over @overname?")
    assert _mentions(shown) == [
        f'<a class="mention" href="{reverse("spaces:detail", args=["overname"])}">'
        "Project Overname</a>"
    ]


def test_mention_shows_the_persons_name_linked_to_the_profile(client, person) -> None:
    jan = PersonFactory(email="jan.devries@example.org", first_name="Jan", last_name="Vries")
    client.force_login(person)
    html = _preview(client, "Dank je @jan.devries!")
    assert _mentions(html) == [f'<a class="mention" href="{jan.get_absolute_url()}">Jan Vries</a>']
    assert "@jan.devries" not in html


def test_post_and_comment_show_names_and_hide_what_the_reader_may_not_see(client) -> None:
    """Written by a member of a secret space, read by a colleague who is not in it."""
    writer, reader = PersonFactory(), PersonFactory()
    secret = SpaceFactory(kind=Space.Kind.SECRET, slug="overname", name="Project Overname")
    MembershipFactory(space=secret, person=writer)
    jan = PersonFactory(email="jan@example.org", first_name="Jan", last_name="Smit")
    gone = PersonFactory(email="oud@example.org", first_name="Oud", last_name="Lid")
    body = "Met @jan over @overname, @oud en @niemand"
    post = services.post_create(author=writer, body=body)
    services.comment_create(post=post, author=writer, body=body)
    gone.is_active = False
    gone.save()
    # Nothing stored tells who or what exists.
    assert "/spaces/" not in post.body_html and "/people/" not in post.body_html

    client.force_login(reader)
    html = client.get(post.get_absolute_url()).content.decode()
    profile = f'<a class="mention" href="{jan.get_absolute_url()}">Jan Smit</a>'
    assert _mentions(html) == [profile, profile]  # the post and the comment
    assert "Project Overname" not in html and "/spaces/overname/" not in html
    assert "Oud Lid" not in html and gone.get_absolute_url() not in html
    assert html.count("@overname") == 2 and html.count("@oud") == 2

    client.force_login(writer)
    html = client.get(post.get_absolute_url()).content.decode()
    assert html.count("Project Overname</a>") == 2


def test_html_linked_before_mentions_were_marked_is_judged_for_the_reader(client, person) -> None:
    SpaceFactory(kind=Space.Kind.SECRET, slug="overname")
    post = services.post_create(author=person, body="oud bericht")
    post.body_html = (
        '<p><a href="/spaces/overname/" class="mention" rel="noopener">@overname</a></p>'
    )
    post.save(update_fields=["body_html"])
    client.force_login(person)
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<p>@overname</p>" in html and "/spaces/overname/" not in html
