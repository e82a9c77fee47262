"""Rules about polls and contests. Each rule is a function and, where lists need it, a queryset
that agree.

Polls are posts: whoever may see the post (posts.permissions) may vote until it closes, once
(one answer, or several in a multiple-choice poll). Results are shown to the poll's author at any
time, to others after they voted ("after voting") or once the poll closed; voters' names only
in polls that are not anonymous, to those who may see the results. The author changes the
answers only before the first vote.

Contests: an organisation-wide contest (no space) is seen by every active person and run by
people with polls.run_contests (community managers); a contest in a space is seen by whoever
may read the space's content and run by its moderators. Proposals are made in the submission
phase, votes cast in the voting phase, the winner announced by those who run it after voting.
A deactivated person sees nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plein.posts.models import Post
from plein.posts.permissions import can_edit_post, can_view_post
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from .models import Contest, PollDetails

User = space_rules.User
RUN_CONTESTS = "polls.run_contests"


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


# -- polls ------------------------------------------------------------------------------------


def can_vote_in_poll(user: User, post: Post, details: PollDetails, *, has_voted: bool) -> bool:
    return (
        not has_voted
        and not details.is_closed()
        and not post.is_deleted
        and can_view_post(user, post)
    )


def can_see_results(user: User, post: Post, details: PollDetails, *, has_voted: bool) -> bool:
    """Call with a post the user may see."""
    if post.author_id == user.pk or details.is_closed():
        return True
    return has_voted and details.results_visibility == PollDetails.Results.AFTER_VOTE


def can_see_voters(user: User, post: Post, details: PollDetails, *, has_voted: bool) -> bool:
    return not details.anonymous and can_see_results(user, post, details, has_voted=has_voted)


def can_change_answers(user: User, post: Post, *, vote_count: int) -> bool:
    return vote_count == 0 and can_edit_post(user, post)


# -- contests ---------------------------------------------------------------------------------


def visible_contests(user: User) -> QuerySet[Contest]:
    if not _active(user):
        return Contest.objects.none()
    return Contest.objects.filter(
        Q(space__isnull=True) | Q(space__in=space_rules.spaces_with_visible_content(user))
    )


def can_view_contest(user: User, contest: Contest) -> bool:
    if not _active(user):
        return False
    return contest.space is None or space_rules.can_view_space_content(user, contest.space)


def can_run_contest_in(user: User, space: Space | None) -> bool:
    """Start a contest for the whole organisation (space None) or in the space."""
    if not _active(user):
        return False
    if space is None:
        return user.has_perm(RUN_CONTESTS)
    return space_rules.can_moderate(user, space)


def can_manage_contest(user: User, contest: Contest) -> bool:
    return can_view_contest(user, contest) and can_run_contest_in(user, contest.space)


def can_submit_entry(user: User, contest: Contest) -> bool:
    return contest.phase() == Contest.Phase.SUBMISSION and can_view_contest(user, contest)


def can_vote_in_contest(user: User, contest: Contest, *, votes_used: int) -> bool:
    return (
        contest.phase() == Contest.Phase.VOTING
        and votes_used < contest.votes_per_person
        and can_view_contest(user, contest)
    )


def can_announce_winner(user: User, contest: Contest) -> bool:
    return (
        contest.phase() == Contest.Phase.CLOSED
        and contest.announced_post_id is None
        and can_manage_contest(user, contest)
    )
