"""Post cards written in Python (posts.cards): what people see and may do on a card in a stream,
in their language, with valid and accessible markup, and forms that work without JavaScript."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.template import Context
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timezone import localtime

from plein.core.paths import path, paths
from plein.people.avatars import avatar_html
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.posts import cards, services
from plein.posts.models import Comment, Post
from plein.posts.tests.factories import CommentFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """The ids, the references to ids and the forms of a page, and each card's own markup."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.references: list[str] = []
        self.forms: list[dict[str, str | None]] = []
        self.inputs: list[tuple[int, dict[str, str | None]]] = []  # (form number, attributes)
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[str(attributes["id"])] += 1
        for name in ("aria-labelledby", "for"):
            if attributes.get(name):
                self.references.append(str(attributes[name]))
        if tag == "form":
            self.forms.append(attributes)
        elif tag == "input":
            self.inputs.append((len(self.forms) - 1, attributes))


def _card(html: str, post: Post) -> str:
    """One card's markup, from its <article> to the end of it."""
    start = html.rindex("<article", 0, html.index(f'id="post-{post.pk}" aria-labelledby'))
    return html[start : html.index("</article>", start)]


@pytest.fixture
def space(person):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    MembershipFactory(space=space, person=person)
    return space


def _member(space) -> Person:  # type: ignore[no-untyped-def]
    someone = PersonFactory()
    MembershipFactory(space=space, person=someone)
    return someone


def test_a_member_sees_on_someone_elses_card_only_what_they_may_do(client, person, space) -> None:
    post = services.post_create(author=_member(space), body="Hallo allemaal", space=space)
    client.force_login(person)
    card = _card(client.get(reverse("posts:feed")).content.decode(), post)
    for action in ("follow", "mute", "react-like", "comment-open", "menu"):
        assert f'id="post-{post.pk}-{action}"' in card
    for action in ("edit", "delete", "pin", "unpin", "restore", "unfollow", "unmute"):
        assert f'id="post-{post.pk}-{action}"' not in card
    assert reverse("posts:delete", args=[post.pk]) not in card
    assert reverse("posts:pin", args=[post.pk]) not in card


def test_the_author_may_edit_and_delete_a_moderator_may_pin_and_restore(
    client, person, space
) -> None:
    post = services.post_create(author=person, body="Mijn bericht", space=space)
    client.force_login(person)
    card = _card(client.get(space.get_absolute_url()).content.decode(), post)
    assert f'id="post-{post.pk}-edit"' in card and f'id="post-{post.pk}-delete"' in card
    assert f'id="post-{post.pk}-pin"' not in card
    assert (
        f'href="{reverse("posts:delete", args=[post.pk])}?next={space.get_absolute_url()}"' in card
    )

    moderator = PersonFactory()
    MembershipFactory(space=space, person=moderator, role=Membership.Role.MODERATOR)
    client.force_login(moderator)
    card = _card(client.get(space.get_absolute_url()).content.decode(), post)
    assert f'id="post-{post.pk}-pin"' in card
    services.post_delete(post=post, by=person)
    card = _card(client.get(post.get_absolute_url()).content.decode(), post)
    assert "post-card--removed" in card and f'id="post-{post.pk}-restore"' in card
    assert f'id="post-{post.pk}-follow"' not in card  # a removed post: nothing to follow
    assert f'id="post-{post.pk}-react-like"' not in card  # nor to react to


def test_own_reaction_and_follow_state_show_on_the_card(client, person, space) -> None:
    post = services.post_create(author=_member(space), body="Taart!", space=space)
    services.reaction_set(person=person, post=post, kind="love")
    services.post_follow_set(person=person, post=post, state="muted")
    client.force_login(person)
    card = _card(client.get(reverse("posts:feed")).content.decode(), post)
    assert re.search(rf'aria-pressed="true" id="post-{post.pk}-react-love"', card)
    assert re.search(rf'aria-pressed="false" id="post-{post.pk}-react-like"', card)
    assert '<span class="reaction__count">1</span>' in card
    assert f'id="post-{post.pk}-unmute"' in card and f'id="post-{post.pk}-mute"' not in card


def test_ids_are_unique_and_every_reference_points_at_one(client, person, space) -> None:
    moderator = PersonFactory()
    MembershipFactory(space=space, person=moderator, role=Membership.Role.MODERATOR)
    posts = [
        services.post_create(author=person, body=f"Bericht {n}", space=space) for n in range(3)
    ]
    services.post_pin(post=posts[0], by=moderator, pinned=True)
    for post in posts:
        CommentFactory(post=post)
    client.force_login(moderator)
    for url in (space.get_absolute_url(), reverse("posts:feed"), "/"):
        page = Page(client.get(url).content.decode())
        assert [name for name, count in page.ids.items() if count > 1] == [], url
        assert [ref for ref in page.references if ref not in page.ids] == [], url


def test_every_form_on_a_card_works_without_javascript(client, person, space) -> None:
    moderator = PersonFactory()
    MembershipFactory(space=space, person=moderator, role=Membership.Role.MODERATOR)
    services.post_create(author=moderator, body="Iets", space=space)
    client.force_login(moderator)
    response = client.get(f"{space.get_absolute_url()}?tab=1&x=<2>")
    url, page = response.wsgi_request.get_full_path(), Page(response.content.decode())
    card_forms = [
        n for n, form in enumerate(page.forms) if re.match(r"/posts/\d+/", str(form.get("action")))
    ]
    assert len(card_forms) >= 3  # pin, follow and react at least
    for n in card_forms:
        assert page.forms[n]["method"] == "post" and page.forms[n]["action"]
        fields = {str(attrs.get("name")): attrs.get("value") for i, attrs in page.inputs if i == n}
        assert fields["csrfmiddlewaretoken"]
        assert fields["next"] == url  # back to this very page


def test_cards_are_in_the_readers_language(client, person, space) -> None:
    post = services.post_create(author=_member(space), body="Hoi", space=space)
    CommentFactory(post=post)
    client.force_login(person)

    def card(language: str) -> str:
        person.language = language
        person.save(update_fields=["language"])
        return _card(client.get(reverse("posts:feed")).content.decode(), post)

    english, dutch = card("en"), card("nl")
    assert "Write a comment" in english and "1 comment<" in english
    assert "Follow (be notified of comments)" in english and 'title="Like"' in english
    assert "Schrijf een reactie" in dutch and "1 reactie<" in dutch
    assert "Volgen (meldingen krijgen over reacties)" in dutch
    assert "Write a comment" not in dutch
    CommentFactory(post=post)
    assert "2 reacties<" in card("nl") and "2 comments<" in card("en")


def test_what_people_typed_is_escaped_on_the_card(client, person, space) -> None:
    author = PersonFactory(first_name='<b>Jan</b> "&', last_name="O'Hara")
    MembershipFactory(space=space, person=author)
    post = services.post_create(author=author, body="Kijk", space=space)
    Post.objects.filter(pk=post.pk).update(
        link_url="https://example.org/?a=1&b=<2>", link_title="<script>x</script>"
    )
    client.force_login(person)
    card = _card(client.get(reverse("posts:feed")).content.decode(), post)
    assert "&lt;b&gt;Jan&lt;/b&gt; &quot;&amp; O&#x27;Hara" in card
    assert "&lt;script&gt;x&lt;/script&gt;" in card and "<script>" not in card
    assert 'href="https://example.org/?a=1&amp;b=&lt;2&gt;"' in card


def test_time_is_shown_in_the_sites_time_zone(client, person, space) -> None:
    post = services.post_create(author=person, body="Nu", space=space)
    client.force_login(person)
    card = _card(client.get(reverse("posts:feed")).content.decode(), post)
    assert f'datetime="{localtime(post.created_at).isoformat()}"' in card


def test_a_comment_preview_is_the_comment_template_in_compact_form(space) -> None:
    """The stream writes its comment previews itself (cards.comment_preview_html); the markup
    must stay what comment.html prints with `compact`, which the htmx answer to a new comment
    uses. If this fails after a change to comment.html, make the same change in cards.py."""
    post = services.post_create(author=_member(space), body="Vraag", space=space)
    author = PersonFactory(first_name="Anne <&>", last_name="van 't Hof")
    author.photo.name = "people/photos/0123456789abcdef0123.jpg"
    comments = [
        CommentFactory(post=post, author=author, body_html="<p>Eerste <em>reactie</em></p>"),
        CommentFactory(post=post, edited_at=timezone.now()),
    ]
    for language in ("nl", "en"):
        with translation.override(language):
            page = cards.page_for(Context({}))
            for comment in Comment.objects.filter(pk__in=[c.pk for c in comments]):
                comment.author = author if comment.author_id == author.pk else comment.author
                expected = render_to_string(
                    "posts/partials/comment.html",
                    {"comment": comment, "post": post, "compact": True},
                )
                written = cards.comment_preview_html(comment, page)
                assert re.sub(r"\s+", " ", written).strip() == re.sub(r"\s+", " ", expected).strip()


def test_the_reaction_bar_answers_an_htmx_reaction(client, person, space) -> None:
    post = services.post_create(author=_member(space), body="Koffie?", space=space)
    client.force_login(person)
    response = client.post(
        reverse("posts:react", args=[post.pk]),
        {"kind": "celebrate"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{space.get_absolute_url()}",
    )
    html = response.content.decode()
    assert html.strip().startswith(f'<div class="reaction-bar" id="post-{post.pk}-reactions">')
    assert f'aria-pressed="true" id="post-{post.pk}-react-celebrate"' in html
    assert f'name="next" value="{space.get_absolute_url()}"' in html
    assert "1 reaction – who reacted?" in html  # noqa: RUF001


def test_paths_fills_in_addresses_as_reverse_does() -> None:
    fill = paths()
    for name, args in (
        ("posts:react", [12]),
        ("posts:image", [3, 4, "thumb"]),
        ("spaces:detail", ["koffie-corner_2"]),
        ("events:feed", ["a b&ç?=:@"]),  # a str argument: quoted as reverse() quotes it
    ):
        assert fill(name, *args) == path(name, *args) == reverse(name, args=args)


def test_avatar_is_a_photo_or_initials() -> None:
    person = PersonFactory.build(first_name="Sam", last_name="de Wit", pk=7)
    assert avatar_html(person) == (
        '<span class="avatar avatar--medium"><span aria-hidden="true">SD</span></span>'
    )
    person.photo.name = "people/photos/0123456789abcdef0123.jpg"
    html = avatar_html(person, "small", 'Sam "de Wit"')
    assert f'src="{reverse("people:photo", args=[7])}?v=01234567"' in html
    assert 'alt="Sam &quot;de Wit&quot;"' in html and "avatar--small" in html
    rendered = render_to_string("people/partials/avatar.html", {"person": person, "size": "large"})
    assert rendered.strip() == avatar_html(person, "large")


def test_a_card_without_a_request_renders_without_forms_breaking() -> None:
    """A card rendered outside a request (an e-mail, a test): no CSRF field, no address to go
    back to, but the same card."""
    post = Post(pk=5, author=PersonFactory.build(pk=9), body_html="<p>x</p>")
    post.created_at = timezone.now()
    post.can_respond = True  # type: ignore[attr-defined]
    html = render_to_string("posts/partials/post_card.html", {"post": post})
    assert 'name="csrfmiddlewaretoken"' not in html
    assert '<input type="hidden" name="next" value="">' in html


def test_an_edit_shows_on_the_next_page_with_its_history(client, person, space) -> None:
    post = services.post_create(author=person, body="Eerst dit", space=space)
    client.force_login(person)
    card = _card(client.get(reverse("posts:feed")).content.decode(), post)
    assert f'id="post-{post.pk}-edited"' not in card and "Eerst dit" in card
    services.post_update(post=post, editor=person, body="Nu **dat**")
    card = _card(client.get(reverse("posts:feed")).content.decode(), post)
    history = reverse("posts:history", args=[post.pk])
    assert f'<a href="{history}" class="post-card__edited" id="post-{post.pk}-edited">' in card
    assert f'<li><a href="{history}">Earlier versions</a></li>' in card
    assert "<strong>dat</strong>" in card and "Eerst dit" not in card


def test_what_a_page_shares_follows_the_language_of_the_moment(person) -> None:
    """The phrases, CSRF field and addresses are worked out once per request, but a card
    rendered after the language changed (an e-mail in the recipient's language) is in that
    language."""
    post = Post(pk=5, author=PersonFactory.build(pk=9), body_html="<p>x</p>")
    post.created_at = timezone.now()
    post.can_respond = True  # type: ignore[attr-defined]
    request = RequestFactory().get("/posts/")
    request.user = person
    html = {}
    for language in ("en", "nl", "en"):
        with translation.override(language):
            html[language] = render_to_string(
                "posts/partials/post_card.html", {"post": post}, request=request
            )
    assert "Write a comment" in html["en"] and "Schrijf een reactie" in html["nl"]
    assert 'name="next" value="/posts/"' in html["nl"]
