"""Hostile input through every form: a value of 100,001 characters in each text field of a form
page never gives a server error (or a database error); the form comes back with a clear message
and nothing is saved.

The forms are read from the pages themselves, so a field added later is covered too."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.test import Client

from plein.people.tests.factories import PersonFactory
from plein.posts import services as post_services
from plein.posts.models import Post
from plein.questions import services as question_services
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

LONG = "a" * 100_001
CLEAR = ("at most", "too long", "Enter a")
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}


@dataclass
class Form:
    action: str | None
    method: str
    data: dict[str, list[str]] = field(default_factory=dict)
    text: list[str] = field(default_factory=list)


class FormReader(HTMLParser):
    """The POST forms of a page: their text fields, and a value for every other field."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(Form(found.get("action"), found.get("method", "get").lower()))
            return
        if not self.forms or (tag != "option" and not found.get("name")):
            return
        form, name = self.forms[-1], found.get("name", "")
        kind = found.get("type", "").lower()
        if tag == "textarea" or (tag == "input" and kind in TEXT_TYPES):
            form.text.append(name)
        elif tag == "input" and kind == "hidden":
            form.data.setdefault(name, []).append(found.get("value", ""))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and found.get("value"):
            form.data.setdefault(self.select, [found["value"]])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def _form_of(client: Client, url: str) -> Form:
    response = client.get(url)
    assert response.status_code == 200, url
    reader = FormReader()
    reader.feed(response.content.decode())
    forms = [f for f in reader.forms if f.method == "post" and f.text]
    assert forms, f"no form with text fields on {url}"
    return max(forms, key=lambda f: len(f.text))  # the page's own form, not the search box


@pytest.fixture
def author(db):  # type: ignore[no-untyped-def]
    return PersonFactory(
        roles=["administrator", "community_manager", "editor"],
        language="en",
        email="schrijver@example.org",
    )


@pytest.fixture
def pages(author) -> dict[str, str]:  # type: ignore[no-untyped-def]
    space = SpaceFactory(slug="team")
    MembershipFactory(space=space, person=author, role=Membership.Role.OWNER)
    post = post_services.post_create(author=author, body="Hallo", space=space)
    question = question_services.question_ask(author=author, title="Waar?", body="")
    return {
        "question": "/questions/ask/",
        "answer": f"/questions/{question.pk}/",
        "post": "/posts/new/",
        "comment": post.get_absolute_url(),
        "news": "/news/new/",
        "event": "/agenda/new/",
        "wiki": "/wiki/team/new/",
        "idea": "/ideas/new/",
        "market": "/market/new/",
        "poll": "/polls/new/",
        "kudos": f"/kudos/give/?to={PersonFactory().pk}",
        "profile": "/people/me/edit/",
        "space": "/spaces/new/",
        "space settings": "/spaces/team/settings/",
        "documents": "/documents/upload/",
        "folder": "/documents/folders/new/",
        "blog": "/blogs/write/",
        "blog series": "/blogs/series/new/",
    }


FORMS = ["question", "answer", "post", "comment", "news", "event", "wiki", "idea", "market",
         "poll", "kudos", "profile", "space", "space settings", "documents", "folder", "blog",
         "blog series"]  # fmt: skip


@pytest.mark.parametrize("name", FORMS)
def test_very_long_values_get_a_clear_message_never_a_server_error(
    client, author, pages, name
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(author)
    url = pages[name]
    form = _form_of(client, url)
    posts_before = Post.objects.count()

    for text_field in form.text:
        data = {**form.data, **{other: "Gewoon" for other in form.text}, text_field: LONG}
        response = client.post(form.action or url, data)

        assert response.status_code == 400 or (
            response.status_code == 200 and b"errorlist" in response.content
        ), (url, text_field, response.status_code)
        html = response.content.decode()
        # "at most N characters" (or "too long"); "Enter a number" and the like for a field
        # that is no text at all.
        assert any(words in html for words in CLEAR), (url, text_field)
    assert Post.objects.count() == posts_before
