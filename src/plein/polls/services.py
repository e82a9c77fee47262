"""The one write path for polls and contests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.core.permissions import require as _require
from plein.core.registries import search, usage
from plein.people.models import Person
from plein.posts import services as post_services
from plein.posts.models import Post
from plein.posts.permissions import can_edit_post, can_view_post
from plein.spaces.models import Space

from . import permissions, selectors
from .models import MAX_CHOICES, MIN_CHOICES, Choice, Contest, Entry, EntryVote, PollDetails, Vote


def _clean_question(question: str) -> str:
    question = " ".join(question.split())
    if not question:
        raise ValidationError({"question": _("Ask a question.")})
    return question


def clean_choices(choices: Sequence[str]) -> list[str]:
    """The answers as typed, without empty ones; between 2 and 10, each only once."""
    cleaned = [" ".join(text.split()) for text in choices]
    cleaned = [text for text in cleaned if text]
    if not MIN_CHOICES <= len(cleaned) <= MAX_CHOICES:
        raise ValidationError(
            {
                "choices": _("Give between %(min)s and %(max)s answers.")
                % {"min": MIN_CHOICES, "max": MAX_CHOICES}
            }
        )
    if len({text.casefold() for text in cleaned}) != len(cleaned):
        raise ValidationError({"choices": _("Give each answer only once.")})
    return cleaned


def _check_closing(closes_at: datetime | None) -> None:
    if closes_at is not None and closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("Choose a closing time in the future.")})


def poll_create(
    *,
    author: Person,
    question: str,
    choices: Sequence[str],
    description: str = "",
    space: Space | None = None,
    multiple: bool = False,
    anonymous: bool = False,
    closes_at: datetime | None = None,
    results_visibility: str = PollDetails.Results.AFTER_VOTE,
) -> Post:
    """A poll in a space or on the author's profile: a post of kind POLL, the question its
    title, the description (or else the question) its text."""
    question = _clean_question(question)
    answers = clean_choices(choices)
    _check_closing(closes_at)
    with transaction.atomic():
        post = post_services.post_create(
            author=author,
            body=description.strip() or question,
            space=space,
            kind=Post.Kind.POLL,
            title=question,
        )
        details = PollDetails.objects.create(
            post=post,
            multiple=multiple,
            anonymous=anonymous,
            closes_at=closes_at,
            results_visibility=results_visibility,
        )
        _set_choices(details, answers)
        search.index("post", post)  # again, with its answers
    return post


def _set_choices(details: PollDetails, answers: list[str]) -> None:
    Choice.objects.filter(poll=details).delete()
    Choice.objects.bulk_create(
        Choice(poll=details, text=text, position=position) for position, text in enumerate(answers)
    )


def poll_update(
    *,
    post: Post,
    editor: Person,
    question: str,
    description: str = "",
    closes_at: datetime | None = None,
    results_visibility: str = PollDetails.Results.AFTER_VOTE,
    choices: Sequence[str] | None = None,
    multiple: bool | None = None,
    anonymous: bool | None = None,
) -> Post:
    """Change the question, its text, the closing time and when results show; the answers,
    multiple and anonymous (None keeps them) only while nobody has voted."""
    _require(can_edit_post(editor, post))
    question = _clean_question(question)
    answers = clean_choices(choices) if choices is not None else None
    with transaction.atomic():
        details = PollDetails.objects.select_for_update().get(pk=post.pk)
        if closes_at != details.closes_at:
            _check_closing(closes_at)
        locked = (answers, multiple, anonymous) != (None, None, None)
        if locked and Vote.objects.filter(poll=details).exists():
            raise ValidationError(
                _("People have voted already: the answers can no longer be changed.")
            )
        if answers is not None:
            _set_choices(details, answers)
        details.multiple = details.multiple if multiple is None else multiple
        details.anonymous = details.anonymous if anonymous is None else anonymous
        details.closes_at = closes_at
        details.results_visibility = results_visibility
        details.save()
        post = post_services.post_update(
            post=post, editor=editor, body=description.strip() or question, title=question
        )
    return post


def poll_close(*, post: Post, editor: Person) -> None:
    """Close the poll now (its author)."""
    _require(can_edit_post(editor, post))
    with transaction.atomic():
        details = PollDetails.objects.select_for_update().get(pk=post.pk)
        if not details.is_closed():
            details.closes_at = timezone.now()
            details.save(update_fields=["closes_at"])


def poll_vote(*, person: Person, post: Post, choice_ids: Sequence[int]) -> list[Vote]:
    """Vote once: one answer, or one or more in a multiple-choice poll."""
    _require(can_view_post(person, post) and not post.is_deleted)
    with transaction.atomic():
        details = PollDetails.objects.select_for_update().get(pk=post.pk)
        if details.is_closed():
            raise ValidationError(_("This poll has closed."))
        if Vote.objects.filter(poll=details, person=person).exists():
            raise ValidationError(_("You have already voted in this poll."))
        wanted = set(choice_ids)
        chosen = list(Choice.objects.filter(poll=details, pk__in=wanted))
        if not chosen or len(chosen) != len(wanted):
            raise ValidationError(_("Choose an answer."))
        if len(chosen) > 1 and not details.multiple:
            raise ValidationError(_("Choose one answer."))
        votes = Vote.objects.bulk_create(
            Vote(poll=details, choice=choice, person=person) for choice in chosen
        )
        usage.record(person, usage.Kind.VOTE, subject="polls", object_id=post.pk)
    return votes


# -- contests ---------------------------------------------------------------------------------


def _check_times(submissions_open_until: datetime, voting_open_until: datetime) -> None:
    if voting_open_until <= submissions_open_until:
        raise ValidationError(
            {"voting_open_until": _("Let voting end after the proposals have closed.")}
        )


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Ask a question.")})
    return title


def contest_create(
    *,
    creator: Person,
    title: str,
    submissions_open_until: datetime,
    voting_open_until: datetime,
    description: str = "",
    space: Space | None = None,
    votes_per_person: int = 3,
) -> Contest:
    """A contest for the whole organisation (community managers) or a space (its moderators)."""
    _require(permissions.can_run_contest_in(creator, space))
    title = _clean_title(title)
    _check_times(submissions_open_until, voting_open_until)
    if votes_per_person < 1:
        raise ValidationError({"votes_per_person": _("Give everyone at least one vote.")})
    return Contest.objects.create(
        title=title,
        description=description.strip(),
        space=space,
        submissions_open_until=submissions_open_until,
        voting_open_until=voting_open_until,
        votes_per_person=votes_per_person,
        created_by=creator,
    )


def contest_update(
    *,
    contest: Contest,
    editor: Person,
    title: str,
    submissions_open_until: datetime,
    voting_open_until: datetime,
    description: str = "",
    votes_per_person: int = 3,
) -> Contest:
    _require(permissions.can_manage_contest(editor, contest))
    if contest.announced_post_id is not None:
        raise ValidationError(_("The winner has been announced: the contest is over."))
    title = _clean_title(title)
    _check_times(submissions_open_until, voting_open_until)
    if votes_per_person < 1:
        raise ValidationError({"votes_per_person": _("Give everyone at least one vote.")})
    contest.title = title
    contest.description = description.strip()
    contest.submissions_open_until = submissions_open_until
    contest.voting_open_until = voting_open_until
    contest.votes_per_person = votes_per_person
    contest.save()
    return contest


def entry_submit(*, contest: Contest, person: Person, text: str, description: str = "") -> Entry:
    """A proposal, while proposals are open; each proposal only once (in any case)."""
    _require(permissions.can_view_contest(person, contest))
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": _("Write your proposal.")})
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=contest.pk)
        if contest.phase() != Contest.Phase.SUBMISSION:
            raise ValidationError(_("Proposals are closed."))
        if Entry.objects.filter(contest=contest, text__iexact=text).exists():
            raise ValidationError({"text": _("Someone has proposed this already.")})
        return Entry.objects.create(
            contest=contest, text=text, description=description.strip(), submitted_by=person
        )


def entry_vote(*, entry: Entry, person: Person) -> EntryVote:
    """A vote for a proposal while voting is open, at most votes_per_person in the contest."""
    _require(permissions.can_view_contest(person, entry.contest))
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=entry.contest_id)
        if contest.phase() != Contest.Phase.VOTING:
            raise ValidationError(_("Voting is not open."))
        if EntryVote.objects.filter(entry=entry, person=person).exists():
            raise ValidationError(_("You have voted for this proposal already."))
        if selectors.votes_used(person, contest) >= contest.votes_per_person:
            raise ValidationError(
                ngettext(
                    "You have used your %(count)s vote.",
                    "You have used all your %(count)s votes.",
                    contest.votes_per_person,
                )
                % {"count": contest.votes_per_person}
            )
        vote = EntryVote.objects.create(contest=contest, entry=entry, person=person)
        usage.record(person, usage.Kind.VOTE, subject="contests", object_id=contest.pk)
        return vote


def entry_unvote(*, entry: Entry, person: Person) -> None:
    """Take a vote back while voting is open."""
    _require(permissions.can_view_contest(person, entry.contest))
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=entry.contest_id)
        if contest.phase() != Contest.Phase.VOTING:
            raise ValidationError(_("Voting is not open."))
        EntryVote.objects.filter(entry=entry, person=person).delete()


def contest_announce(*, contest: Contest, person: Person) -> Post:
    """After voting: the proposal with the most votes wins, announced in the stream (to
    everyone for an organisation-wide contest, in the space otherwise)."""
    _require(permissions.can_announce_winner(person, contest))
    with transaction.atomic():
        contest = (
            Contest.objects.select_for_update(of=("self",))
            .select_related("space")
            .get(pk=contest.pk)
        )
        if contest.announced_post_id is not None:
            raise ValidationError(_("The winner has been announced already."))
        winner = selectors.contest_leader(contest)
        if winner is None:
            raise ValidationError(_("There are no proposals, so there is no winner."))
        body = (
            _("The winner of “%(title)s” is: **%(winner)s**")
            % {"title": contest.title, "winner": winner.text}
            + "\n\n"
            + ngettext(
                "It got %(count)s vote. Thank you to everyone who took part!",
                "It got %(count)s votes. Thank you to everyone who took part!",
                winner.vote_count,  # type: ignore[attr-defined]
            )
            % {"count": winner.vote_count}  # type: ignore[attr-defined]
        )
        post = post_services.post_create(
            author=person,
            body=body,
            space=contest.space,
            is_announcement=contest.space is None,
            title=contest.title,
        )
        contest.winner = winner
        contest.announced_post = post
        contest.save(update_fields=["winner", "announced_post"])
    return post
