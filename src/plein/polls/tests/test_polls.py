"""Polls: the rules, the services, the stream card and the composer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from plein.people.tests.factories import PersonFactory
from plein.posts import selectors as post_selectors
from plein.posts.models import Post
from plein.spaces.models import Space
from plein.spaces.permissions import memberships_preload
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .. import services
from ..models import Choice, PollDetails, Vote
from ..selectors import attach_polls

pytestmark = pytest.mark.django_db


def _poll_of(user, post):  # type: ignore[no-untyped-def]
    return post_selectors.post_get(user, post.pk).poll


def _choices(details: PollDetails) -> list[Choice]:
    return list(details.choices.all())


def make_poll(author, **kwargs):  # type: ignore[no-untyped-def]
    return services.poll_create(
        author=author,
        question=kwargs.pop("question", "Waar gaan we lunchen?"),
        choices=kwargs.pop("choices", ["Kantine", "Park", "Stad"]),
        **kwargs,
    )


# -- rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [Space.Kind.CLOSED, Space.Kind.SECRET])
def test_polls_in_closed_and_secret_spaces_are_invisible_to_outsiders(kind):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=kind)
    member = MembershipFactory(space=space).person
    outsider = PersonFactory()
    post = make_poll(member, space=space)

    assert _poll_of(member, post) is not None
    assert post_selectors.post_get(outsider, post.pk) is None
    with pytest.raises(PermissionDenied):
        services.poll_vote(
            person=outsider, post=post, choice_ids=[_choices(post.poll_details)[0].pk]
        )
    assert not Vote.objects.exists()


def test_views_hide_polls_of_secret_spaces(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.SECRET)
    member = MembershipFactory(space=space).person
    post = make_poll(member, space=space)
    choice = _choices(post.poll_details)[0]
    client.force_login(PersonFactory())
    assert (
        client.post(reverse("polls:vote", args=[post.pk]), {"choice": choice.pk}).status_code == 404
    )
    assert client.get(reverse("polls:voters", args=[post.pk])).status_code == 404
    assert client.get(reverse("polls:edit", args=[post.pk])).status_code == 404
    assert client.get(reverse("polls:new") + f"?space={space.slug}").status_code == 404


def test_a_deactivated_person_cannot_vote():  # type: ignore[no-untyped-def]
    post = make_poll(PersonFactory())
    gone = PersonFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.poll_vote(person=gone, post=post, choice_ids=[_choices(post.poll_details)[0].pk])


def test_single_choice_allows_one_answer_once():  # type: ignore[no-untyped-def]
    post = make_poll(PersonFactory())
    voter = PersonFactory()
    first, second, _third = _choices(post.poll_details)
    with pytest.raises(ValidationError):
        services.poll_vote(person=voter, post=post, choice_ids=[first.pk, second.pk])
    with pytest.raises(ValidationError):
        services.poll_vote(person=voter, post=post, choice_ids=[])
    services.poll_vote(person=voter, post=post, choice_ids=[first.pk])
    with pytest.raises(ValidationError):
        services.poll_vote(person=voter, post=post, choice_ids=[second.pk])
    assert list(Vote.objects.values_list("choice_id", flat=True)) == [first.pk]


def test_multiple_choice_takes_several_answers_but_not_from_another_poll():  # type: ignore[no-untyped-def]
    post = make_poll(PersonFactory(), multiple=True)
    other = make_poll(PersonFactory())
    voter = PersonFactory()
    first, second, _third = _choices(post.poll_details)
    with pytest.raises(ValidationError):
        services.poll_vote(
            person=voter, post=post, choice_ids=[first.pk, _choices(other.poll_details)[0].pk]
        )
    services.poll_vote(person=voter, post=post, choice_ids=[first.pk, second.pk])
    poll = _poll_of(voter, post)
    assert poll.voter_count == 1 and poll.vote_count == 2
    assert [r.percent for r in poll.choices] == [100, 100, 0]
    assert [r.mine for r in poll.choices] == [True, True, False]


def test_a_closed_poll_takes_no_votes_and_shows_results_to_all():  # type: ignore[no-untyped-def]
    post = make_poll(PersonFactory(), results_visibility=PollDetails.Results.AFTER_CLOSE)
    voter, viewer = PersonFactory(), PersonFactory()
    first = _choices(post.poll_details)[0]
    services.poll_vote(person=voter, post=post, choice_ids=[first.pk])
    assert not _poll_of(viewer, post).show_results
    PollDetails.objects.filter(pk=post.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    post.refresh_from_db()
    with pytest.raises(ValidationError):
        services.poll_vote(person=viewer, post=post, choice_ids=[first.pk])
    poll = _poll_of(viewer, post)
    assert poll.closed and poll.show_results and not poll.can_vote
    assert poll.choices[0].count == 1 and poll.choices[0].percent == 100


def test_results_after_voting_or_after_closing():  # type: ignore[no-untyped-def]
    author = PersonFactory()
    after_vote = make_poll(author)
    after_close = make_poll(author, results_visibility=PollDetails.Results.AFTER_CLOSE)
    voter = PersonFactory()
    assert not _poll_of(voter, after_vote).show_results
    assert _poll_of(author, after_vote).show_results  # the author always
    assert _poll_of(author, after_close).show_results
    for post in (after_vote, after_close):
        services.poll_vote(person=voter, post=post, choice_ids=[_choices(post.poll_details)[1].pk])
    assert _poll_of(voter, after_vote).show_results
    hidden = _poll_of(voter, after_close)
    assert not hidden.show_results and hidden.has_voted and not hidden.can_vote


def test_anonymous_polls_hide_the_voters(client):  # type: ignore[no-untyped-def]
    author = PersonFactory()
    open_poll = make_poll(author)
    secret_ballot = make_poll(author, anonymous=True)
    voter = PersonFactory(first_name="Vera", last_name="Stemmer")
    for post in (open_poll, secret_ballot):
        services.poll_vote(person=voter, post=post, choice_ids=[_choices(post.poll_details)[0].pk])
    client.force_login(author)
    response = client.get(reverse("polls:voters", args=[open_poll.pk]))
    assert response.status_code == 200 and "Vera Stemmer" in response.content.decode()
    assert client.get(reverse("polls:voters", args=[secret_ballot.pk])).status_code == 403
    assert not _poll_of(author, secret_ballot).show_voters
    # Someone who has not voted in an "after voting" poll does not see who voted either.
    client.force_login(PersonFactory())
    assert client.get(reverse("polls:voters", args=[open_poll.pk])).status_code == 403


def test_answers_change_only_before_the_first_vote():  # type: ignore[no-untyped-def]
    author = PersonFactory()
    post = make_poll(author)
    services.poll_update(
        post=post, editor=author, question="Lunch?", choices=["Ja", "Nee"], multiple=True
    )
    assert [c.text for c in _choices(post.poll_details)] == ["Ja", "Nee"]
    services.poll_vote(
        person=PersonFactory(), post=post, choice_ids=[_choices(post.poll_details)[0].pk]
    )
    with pytest.raises(ValidationError):
        services.poll_update(post=post, editor=author, question="Lunch?", choices=["A", "B"])
    services.poll_update(post=post, editor=author, question="Lunch vandaag?")
    post.refresh_from_db()
    assert post.title == "Lunch vandaag?" and post.poll_details.multiple
    with pytest.raises(PermissionDenied):
        services.poll_update(post=post, editor=PersonFactory(), question="Gekaapt")


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (["Alleen"], "between"),
        (["Ja", "ja "], "only once"),
        ([str(n) for n in range(11)], "between"),
    ],
)
def test_answers_are_checked(choices, message):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=message):
        make_poll(PersonFactory(), choices=choices)


def test_closing_time_must_lie_ahead_and_the_author_can_close_early():  # type: ignore[no-untyped-def]
    author = PersonFactory()
    with pytest.raises(ValidationError):
        make_poll(author, closes_at=timezone.now() - timedelta(hours=1))
    post = make_poll(author, closes_at=timezone.now() + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.poll_close(post=post, editor=PersonFactory())
    services.poll_close(post=post, editor=author)
    post.refresh_from_db()
    assert post.poll_details.is_closed()


# -- stream -----------------------------------------------------------------------------------


def test_a_stream_page_with_polls_takes_a_fixed_number_of_queries(django_assert_num_queries):  # type: ignore[no-untyped-def]
    viewer = PersonFactory()
    space = SpaceFactory()
    MembershipFactory(space=space, person=viewer)

    def page_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            page = post_selectors.space_feed(viewer, space)
            assert all(post.poll is not None for post in page.posts)
        return len(captured)

    for _ in range(2):
        post = make_poll(viewer, space=space)
        services.poll_vote(
            person=PersonFactory(), post=post, choice_ids=[_choices(post.poll_details)[0].pk]
        )
    page_queries()  # the viewer's permissions are loaded once
    few = page_queries()
    for _ in range(4):
        post = make_poll(
            MembershipFactory(space=space).person, space=space, multiple=True, anonymous=True
        )
        services.poll_vote(
            person=viewer, post=post, choice_ids=[c.pk for c in _choices(post.poll_details)]
        )
    assert page_queries() == few
    posts = list(Post.objects.filter(kind=Post.Kind.POLL).select_related("space"))
    memberships_preload(viewer, {space.pk})  # as posts.selectors.decorate does before
    with django_assert_num_queries(5):
        attach_polls(posts, viewer)


def test_the_space_stream_shows_the_poll_and_voting_swaps_the_card(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    voter = MembershipFactory(space=space).person
    post = make_poll(MembershipFactory(space=space).person, space=space)
    choice = _choices(post.poll_details)[1]
    client.force_login(voter)
    page = client.get(space.get_absolute_url()).content.decode()
    assert f'id="poll-{post.pk}-choice-{choice.pk}"' in page and "<legend" in page

    response = client.post(
        reverse("polls:vote", args=[post.pk]), {"choice": choice.pk}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith(
        f'<div class="poll" id="poll-{post.pk}">'
    )
    assert "100%" in html and f'id="poll-{post.pk}-vote"' not in html
    again = client.post(
        reverse("polls:vote", args=[post.pk]), {"choice": choice.pk}, headers={"HX-Request": "true"}
    )
    assert again.status_code == 400 and Vote.objects.count() == 1


def test_voting_without_javascript_redirects_back(client):  # type: ignore[no-untyped-def]
    post = make_poll(PersonFactory())
    client.force_login(PersonFactory())
    response = client.post(
        reverse("polls:vote", args=[post.pk]),
        {"choice": _choices(post.poll_details)[0].pk, "next": "/people/"},
    )
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert Vote.objects.count() == 1


# -- composer ---------------------------------------------------------------------------------


def _form_data(**extra):  # type: ignore[no-untyped-def]
    data = {
        "question": "Welke dag voor de borrel?",
        "description": "",
        "rows": "6",
        "choice_0": "Donderdag",
        "choice_1": "",
        "choice_2": "Vrijdag",
        "results_visibility": "after_vote",
        "closes_at": "",
    }
    data.update(extra)
    return data


def test_the_composer_makes_a_poll_in_a_space_ignoring_empty_rows(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    member = MembershipFactory(space=space).person
    client.force_login(member)
    url = reverse("polls:new") + f"?space={space.slug}"
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(closes_at="2099-05-01T17:30", multiple="on"))
    assert response.status_code == 302
    post = Post.objects.get(kind=Post.Kind.POLL)
    assert post.space == space and post.title == "Welke dag voor de borrel?"
    assert [c.text for c in _choices(post.poll_details)] == ["Donderdag", "Vrijdag"]
    closes = timezone.localtime(post.poll_details.closes_at)
    assert (closes.hour, closes.minute, str(closes.tzinfo)) == (17, 30, "Europe/Amsterdam")
    assert post.poll_details.multiple


def test_outsiders_of_a_space_cannot_use_its_composer(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    client.force_login(PersonFactory())
    assert (
        client.post(reverse("polls:new") + f"?space={space.slug}", _form_data()).status_code == 403
    )
    assert not Post.objects.exists()


def test_the_composer_re_shows_what_was_typed(client):  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory())
    response = client.post(
        reverse("polls:new"), _form_data(choice_0="", choice_2="", choice_4="Alleen")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Welke dag voor de borrel?"' in html and 'value="Alleen"' in html
    assert "between 2 and 10" in html or "tussen 2 en 10" in html
    assert not Post.objects.exists()


def test_answer_rows_are_added_and_removed_without_javascript(client):  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory())
    added = client.post(reverse("polls:new"), _form_data(add_row="1")).content.decode()
    assert 'name="choice_6"' in added and 'name="choice_7"' not in added
    removed = client.post(reverse("polls:new"), _form_data(remove_row="0")).content.decode()
    assert 'name="choice_5"' not in removed
    assert 'name="choice_1" value="Vrijdag"' in removed.replace('"\n', '" ') or (
        'value="Vrijdag"' in removed and 'value="Donderdag"' not in removed
    )
    assert not Post.objects.exists()


def test_the_edit_page_locks_answers_once_people_voted(client):  # type: ignore[no-untyped-def]
    author = PersonFactory()
    post = make_poll(author)
    client.force_login(author)
    url = reverse("polls:edit", args=[post.pk])
    assert 'value="Kantine"' in client.get(url).content.decode()
    services.poll_vote(
        person=PersonFactory(), post=post, choice_ids=[_choices(post.poll_details)[0].pk]
    )
    page = client.get(url).content.decode()
    assert "disabled" in page
    response = client.post(url, _form_data(question="Waar lunchen we morgen?", choice_0="Anders"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Waar lunchen we morgen?"
    assert [c.text for c in _choices(post.poll_details)] == ["Kantine", "Park", "Stad"]
    client.force_login(PersonFactory())
    assert client.get(url).status_code == 403
