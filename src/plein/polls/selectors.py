"""Reads about polls and contests, built on the posts' and spaces' visibility rules."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from plein.people.models import Person
from plein.posts.models import Post
from plein.posts.permissions import visible_posts
from plein.spaces.permissions import User

from . import permissions
from .models import Choice, Contest, Entry, EntryVote, PollDetails, Vote


@dataclass
class ChoiceResult:
    choice: Choice
    count: int = 0
    percent: int = 0
    mine: bool = False


@dataclass
class PollView:
    """What a poll's card shows to one viewer."""

    details: PollDetails
    choices: list[ChoiceResult] = field(default_factory=list)
    voter_count: int = 0
    vote_count: int = 0
    has_voted: bool = False
    closed: bool = False
    can_vote: bool = False
    show_results: bool = False
    show_voters: bool = False
    can_change_answers: bool = False


def attach_polls(posts: Sequence[Any], user: Any) -> None:
    """For the stream cards: each poll's answers, counts and the viewer's own votes, in five
    queries whatever the number of polls on the page (post.poll; None without details)."""
    ids = [post.pk for post in posts]
    details = {
        row.post_id: row
        for row in PollDetails.objects.filter(post_id__in=ids).prefetch_related("choices")
    }
    counts = dict(
        Vote.objects.filter(poll_id__in=ids)
        .values("choice_id")
        .annotate(n=Count("pk"))
        .values_list("choice_id", "n")
    )
    voters = dict(
        Vote.objects.filter(poll_id__in=ids)
        .values("poll_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("poll_id", "n")
    )
    mine = set(
        Vote.objects.filter(poll_id__in=ids, person_id=int(user.pk or 0)).values_list(
            "choice_id", flat=True
        )
    )
    for post in posts:
        row = details.get(post.pk)
        post.poll = None if row is None else _poll_view(user, post, row, counts, voters, mine)


def _poll_view(
    user: User,
    post: Post,
    details: PollDetails,
    counts: dict[int, int],
    voters: dict[int, int],
    mine: set[int],
) -> PollView:
    choices = list(details.choices.all())
    view = PollView(details=details, voter_count=voters.get(details.pk, 0))
    view.has_voted = any(choice.pk in mine for choice in choices)
    view.closed = details.is_closed()
    for choice in choices:
        count = counts.get(choice.pk, 0)
        view.vote_count += count
        percent = round(100 * count / view.voter_count) if view.voter_count else 0
        view.choices.append(ChoiceResult(choice, count, percent, choice.pk in mine))
    view.can_vote = permissions.can_vote_in_poll(user, post, details, has_voted=view.has_voted)
    view.show_results = permissions.can_see_results(user, post, details, has_voted=view.has_voted)
    view.show_voters = permissions.can_see_voters(user, post, details, has_voted=view.has_voted)
    view.can_change_answers = permissions.can_change_answers(user, post, vote_count=view.vote_count)
    return view


def poll_post(user: User, pk: int) -> Post | None:
    """A poll the user may see, with its details (for writing: votes, edits)."""
    return (
        visible_posts(user)
        .filter(pk=pk, kind=Post.Kind.POLL, poll_details__isnull=False)
        .select_related("poll_details", "space", "author")
        .first()
    )


def poll_voters(post: Post) -> list[tuple[Choice, list[Person]]]:
    """Who chose what (ask permissions.can_see_voters first)."""
    people: dict[int, list[Person]] = defaultdict(list)
    votes = (
        Vote.objects.filter(poll_id=post.pk)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    for vote in votes:
        people[vote.choice_id].append(vote.person)
    return [(choice, people[choice.pk]) for choice in Choice.objects.filter(poll_id=post.pk)]


# -- contests ---------------------------------------------------------------------------------


def contests(user: User) -> QuerySet[Contest]:
    """Contests the user may see, the latest first, with their number of proposals."""
    return (
        permissions.visible_contests(user)
        .select_related("space", "winner")
        .annotate(entry_count=Count("entries"))
    )


def contest_get(user: User, pk: int) -> Contest | None:
    contest = Contest.objects.filter(pk=pk).select_related("space", "winner", "created_by").first()
    if contest is None or not permissions.can_view_contest(user, contest):
        return None
    return contest


def votes_used(user: User, contest: Contest) -> int:
    return EntryVote.objects.filter(contest=contest, person_id=int(user.pk or 0)).count()


def _shuffle_key(user: User, entry: Entry) -> str:
    return hashlib.sha256(f"{user.pk}:{entry.pk}".encode()).hexdigest()


def contest_entries(user: User, contest: Contest) -> list[Entry]:
    """The proposals with their votes (vote_count) and whether the user voted for each (mine).
    While voting is open each person sees them in an order of their own, the same on every
    visit, so that no proposal profits from standing first; afterwards the most votes first."""
    mine = EntryVote.objects.filter(entry=OuterRef("pk"), person_id=int(user.pk or 0))
    entries: list[Entry] = list(
        Entry.objects.filter(contest=contest)
        .select_related("submitted_by")
        .annotate(vote_count=Count("votes"), mine=Exists(mine))
    )
    phase = contest.phase()
    if phase == Contest.Phase.VOTING:
        entries.sort(key=lambda entry: _shuffle_key(user, entry))
    elif phase == Contest.Phase.CLOSED:
        entries.sort(key=lambda entry: (-entry.vote_count, entry.created_at, entry.pk))  # type: ignore[attr-defined]
    return entries


def contest_leader(contest: Contest) -> Entry | None:
    """The proposal with the most votes; on a tie, the one proposed first."""
    return (
        Entry.objects.filter(contest=contest)
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "created_at", "pk")
        .first()
    )
