"""Contests: who runs them, phases, proposals, vote limits, the winner in the stream."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.selectors import home_feed
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .. import permissions, selectors, services
from ..models import Contest, Entry, EntryVote
from .factories import ContestFactory, EntryFactory

pytestmark = pytest.mark.django_db


def _times(phase: str) -> dict[str, object]:
    now = timezone.now()
    return {
        "submission": {
            "submissions_open_until": now + timedelta(days=1),
            "voting_open_until": now + timedelta(days=2),
        },
        "voting": {
            "submissions_open_until": now - timedelta(days=1),
            "voting_open_until": now + timedelta(days=1),
        },
        "closed": {
            "submissions_open_until": now - timedelta(days=2),
            "voting_open_until": now - timedelta(days=1),
        },
    }[phase]


def test_organisation_wide_contests_are_run_by_community_managers(community_manager):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.contest_create(creator=PersonFactory(), title="Naam?", **_times("submission"))
    contest = services.contest_create(
        creator=community_manager, title="Naam?", **_times("submission")
    )
    assert contest.phase() == Contest.Phase.SUBMISSION
    with pytest.raises(ValidationError):
        services.contest_create(
            creator=community_manager,
            title="Naam?",
            submissions_open_until=timezone.now() + timedelta(days=2),
            voting_open_until=timezone.now() + timedelta(days=1),
        )


def test_space_contests_are_run_by_moderators_and_hidden_from_outsiders():  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.SECRET)
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).person
    member = MembershipFactory(space=space).person
    outsider = PersonFactory()
    with pytest.raises(PermissionDenied):
        services.contest_create(creator=member, space=space, title="Teamnaam?", **_times("voting"))
    contest = services.contest_create(
        creator=moderator, space=space, title="Teamnaam?", **_times("submission")
    )
    for user, sees in ((member, True), (outsider, False), (PersonFactory(is_active=False), False)):
        assert permissions.can_view_contest(user, contest) is sees
        assert permissions.visible_contests(user).filter(pk=contest.pk).exists() is sees
    with pytest.raises(PermissionDenied):
        services.entry_submit(contest=contest, person=outsider, text="Geheim")


def test_views_hide_space_contests_from_outsiders(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.SECRET)
    contest = ContestFactory(space=space)
    entry = EntryFactory(contest=contest)
    client.force_login(PersonFactory())
    assert client.get(reverse("polls:contest", args=[contest.pk])).status_code == 404
    assert contest.title not in client.get(reverse("polls:contests")).content.decode()
    url = reverse("polls:entry_vote", args=[contest.pk, entry.pk])
    assert client.post(url).status_code == 404
    assert not EntryVote.objects.exists()


def test_proposals_only_in_the_submission_phase_and_each_only_once():  # type: ignore[no-untyped-def]
    contest = ContestFactory(**_times("submission"))
    person = PersonFactory()
    services.entry_submit(contest=contest, person=person, text="  Het  Plein ")
    with pytest.raises(ValidationError, match="already"):
        services.entry_submit(contest=contest, person=PersonFactory(), text="het plein")
    assert Entry.objects.get().text == "Het Plein"
    Contest.objects.filter(pk=contest.pk).update(**_times("voting"))
    contest.refresh_from_db()
    with pytest.raises(ValidationError):
        services.entry_submit(contest=contest, person=person, text="De Buurt")


def test_votes_only_in_the_voting_phase_and_at_most_votes_per_person():  # type: ignore[no-untyped-def]
    contest = ContestFactory(votes_per_person=2, **_times("submission"))
    entries = [EntryFactory(contest=contest) for _ in range(3)]
    voter = PersonFactory()
    with pytest.raises(ValidationError):
        services.entry_vote(entry=entries[0], person=voter)
    Contest.objects.filter(pk=contest.pk).update(**_times("voting"))
    for entry in entries:
        entry.refresh_from_db()
    services.entry_vote(entry=entries[0], person=voter)
    with pytest.raises(ValidationError):
        services.entry_vote(entry=entries[0], person=voter)  # the same one twice
    services.entry_vote(entry=entries[1], person=voter)
    with pytest.raises(ValidationError, match="used"):
        services.entry_vote(entry=entries[2], person=voter)
    services.entry_unvote(entry=entries[0], person=voter)
    services.entry_vote(entry=entries[2], person=voter)
    assert set(EntryVote.objects.values_list("entry_id", flat=True)) == {
        entries[1].pk,
        entries[2].pk,
    }
    Contest.objects.filter(pk=contest.pk).update(**_times("closed"))
    entries[1].refresh_from_db()
    with pytest.raises(ValidationError):
        services.entry_unvote(entry=entries[1], person=voter)


def test_entries_come_in_a_stable_order_per_person_while_voting():  # type: ignore[no-untyped-def]
    contest = ContestFactory(**_times("voting"))
    for _ in range(8):
        EntryFactory(contest=contest)
    one, other = PersonFactory(), PersonFactory()
    first = [e.pk for e in selectors.contest_entries(one, contest)]
    assert first == [e.pk for e in selectors.contest_entries(one, contest)]
    assert sorted(first) == sorted(e.pk for e in selectors.contest_entries(other, contest))
    orders = {
        tuple(e.pk for e in selectors.contest_entries(PersonFactory(), contest)) for _ in range(5)
    }
    assert len(orders) > 1


def test_announcing_the_winner_posts_to_everyone(community_manager):  # type: ignore[no-untyped-def]
    contest = ContestFactory(created_by=community_manager, **_times("voting"))
    runner_up, winner = (
        EntryFactory(contest=contest, text="Buurthuis"),
        EntryFactory(contest=contest, text="Het Plein"),
    )
    services.entry_vote(entry=runner_up, person=PersonFactory())
    for _ in range(2):
        services.entry_vote(entry=winner, person=PersonFactory())
    with pytest.raises(PermissionDenied):  # not before voting closed
        services.contest_announce(contest=contest, person=community_manager)
    Contest.objects.filter(pk=contest.pk).update(**_times("closed"))
    contest.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.contest_announce(contest=contest, person=PersonFactory())
    post = services.contest_announce(contest=contest, person=community_manager)
    contest.refresh_from_db()
    assert contest.winner == winner and contest.announced_post == post
    assert post.is_announcement and post.space is None and "Het Plein" in post.body
    someone = PersonFactory()
    assert post.pk in [p.pk for p in home_feed(someone).posts]
    with pytest.raises(PermissionDenied):
        services.contest_announce(contest=contest, person=community_manager)
    assert [e.pk for e in selectors.contest_entries(someone, contest)] == [winner.pk, runner_up.pk]


def test_a_space_contest_is_announced_in_the_space():  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).person
    contest = ContestFactory(space=space, created_by=moderator, **_times("closed"))
    EntryFactory(contest=contest, text="De Kraanvogels")
    post = services.contest_announce(contest=contest, person=moderator)
    assert post.space == space and not post.is_announcement


def test_no_winner_without_proposals(community_manager):  # type: ignore[no-untyped-def]
    contest = ContestFactory(**_times("closed"))
    with pytest.raises(ValidationError):
        services.contest_announce(contest=contest, person=community_manager)
    assert not Post.objects.exists()


def test_contest_pages(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    response = client.post(
        reverse("polls:contest_new"),
        {
            "title": "",
            "description": "Help ons kiezen",
            "submissions_open_until": "2099-01-01T12:00",
            "voting_open_until": "2099-01-08T12:00",
            "votes_per_person": "3",
        },
    )
    assert response.status_code == 400 and "Help ons kiezen" in response.content.decode()
    response = client.post(
        reverse("polls:contest_new"),
        {
            "title": "Hoe noemen we ons intranet?",
            "submissions_open_until": "2099-01-01T12:00",
            "voting_open_until": "2099-01-08T12:00",
            "votes_per_person": "3",
        },
    )
    contest = Contest.objects.get()
    assert response.status_code == 302 and response["Location"] == contest.get_absolute_url()
    assert timezone.localtime(contest.submissions_open_until).hour == 12

    client.force_login(PersonFactory())
    assert client.get(reverse("polls:contest_new")).status_code == 403
    page = client.get(contest.get_absolute_url()).content.decode()
    assert 'id="entry-form"' in page and 'id="contest-announce"' not in page
    url = reverse("polls:entry_submit", args=[contest.pk])
    assert client.post(url, {"text": "De Markt"}).status_code == 302
    again = client.post(url, {"text": "de markt", "description": "Mijn idee"})
    assert again.status_code == 400 and "Mijn idee" in again.content.decode()


def test_voting_on_the_contest_page_with_htmx(client):  # type: ignore[no-untyped-def]
    contest = ContestFactory(votes_per_person=1, **_times("voting"))
    entries = [EntryFactory(contest=contest) for _ in range(2)]
    client.force_login(PersonFactory())
    page = client.get(contest.get_absolute_url()).content.decode()
    assert 'id="contest-votes-left"' in page and f'id="entry-{entries[0].pk}-vote"' in page
    url = reverse("polls:entry_vote", args=[contest.pk, entries[0].pk])
    html = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert html.startswith('<div id="contest-entry-list"')
    assert f'id="entry-{entries[1].pk}-vote"' not in html  # no votes left
    other = reverse("polls:entry_vote", args=[contest.pk, entries[1].pk])
    assert client.post(other, headers={"HX-Request": "true"}).status_code == 400
    assert EntryVote.objects.count() == 1


def test_the_contest_list_takes_a_fixed_number_of_queries(client, django_assert_num_queries):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    client.force_login(person)
    ContestFactory()
    client.get(reverse("polls:contests"))
    for _ in range(3):
        contest = ContestFactory(space=MembershipFactory(person=person).space)
        EntryFactory(contest=contest)
    with django_assert_num_queries(6):
        response = client.get(reverse("polls:contests"))
    assert response.content.decode().count('class="card contest-list__item"') == 4


def test_the_announce_button_posts_the_winner(client, community_manager):  # type: ignore[no-untyped-def]
    contest = ContestFactory(created_by=community_manager, **_times("closed"))
    EntryFactory(contest=contest, text="Het Plein")
    client.force_login(community_manager)
    page = client.get(contest.get_absolute_url()).content.decode()
    assert 'id="contest-announce"' in page
    response = client.post(reverse("polls:announce", args=[contest.pk]))
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    page = client.get(contest.get_absolute_url()).content.decode()
    assert 'id="contest-winner"' in page and 'id="contest-announce"' not in page
