"""The post picker: suggestions and choices only among the posts the chooser may see; the same
field takes what the picker fills in and what someone types without JavaScript."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from plein.core.picker import pickers_for
from plein.people.tests.factories import PersonFactory
from plein.posts.picker import PostPickerField, post_choice
from plein.posts.tests.factories import PostFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

POSTS = reverse("posts:picker")


class ChooseForm(forms.Form):
    post = PostPickerField(label="Post")

    def __init__(self, *args, user, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        pickers_for(self, user)


def _choose(user, **data):  # type: ignore[no-untyped-def]
    form = ChooseForm(data, user=user)
    form.is_valid()
    return form


def _values(client, url: str, q: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return [item["value"] for item in response.json()["results"]]


def test_suggestions_need_a_login(client):  # type: ignore[no-untyped-def]
    assert client.get(POSTS, {"q": "an"}).status_code == 302


def test_post_suggestions_leave_out_posts_the_chooser_may_not_see(client):  # type: ignore[no-untyped-def]
    chooser = PersonFactory()
    secret = SpaceFactory(kind="secret", name="Geheim")
    hidden = PostFactory(space=secret, title="Reorganisatieplan")
    shown = PostFactory(title="Reorganisatie van de kantine")
    client.force_login(chooser)
    assert _values(client, POSTS, "reorganisatie") == [post_choice(shown)]
    # Not by its number either: no sign that it exists.
    assert _values(client, POSTS, str(hidden.pk)) == []
    assert _values(client, POSTS, str(shown.pk)) == [post_choice(shown)]
    MembershipFactory(space=secret, person=chooser)
    assert set(_values(client, POSTS, "reorganisatie")) == {post_choice(shown), post_choice(hidden)}


def test_a_post_by_choice_address_or_number_only_when_visible():  # type: ignore[no-untyped-def]
    chooser = PersonFactory()
    post = PostFactory(title="Kantine")
    for typed in (post_choice(post), f"http://testserver/posts/{post.pk}/", str(post.pk)):
        assert _choose(chooser, post=typed).cleaned_data["post"] == post
    hidden = PostFactory(space=SpaceFactory(kind="secret"))
    missing = _choose(chooser, post="/posts/999999/").errors["post"]
    assert _choose(chooser, post=f"/posts/{hidden.pk}/").errors["post"] == missing
    assert missing == ["No post found at this address."]


def test_the_widget_carries_the_suggestion_address_and_texts():  # type: ignore[no-untyped-def]
    html = str(ChooseForm(user=PersonFactory()))
    assert f'data-picker-url="{POSTS}"' in html
    assert "data-picker-multiple" not in html and 'data-picker-label="Suggestions"' in html
    assert 'autocomplete="off"' in html
