"""Every change to questions goes through here. Questions are written through
plein.posts.services (post rules, Markdown, mentions, hashtags, notifications of mentions) and
answers through posts.services.comment_create (so the asker and followers hear of them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.mail import Email, in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.permissions import require as _require
from plein.core.registries.helpers import helpers_of
from plein.core.selectors import branding_get
from plein.people.models import Department, Person
from plein.posts import markup
from plein.posts import services as post_services
from plein.posts.models import Comment, Hashtag, Post
from plein.spaces.help import is_help_space
from plein.spaces.models import Space

from . import permissions
from .models import AnswerVote, Helper, QuestionDetails

MAX_TAGS = 5
TAG = re.compile(r"^[^\W\d_][\w-]{0,62}$")


def clean_tags(text: str) -> list[str]:
    """Tags typed as words (with or without #, separated by spaces or commas), in lower case."""
    tags: list[str] = []
    for word in re.split(r"[\s,]+", text):
        word = word.lstrip("#").lower()
        if not word:
            continue
        if not TAG.match(word):
            raise ValidationError(
                {"tags": _("“%(tag)s” cannot be a tag: use letters, digits and -.") % {"tag": word}}
            )
        if word not in tags:
            tags.append(word)
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": _("Give at most %(max)s tags.") % {"max": MAX_TAGS}})
    return tags


def _with_tags(body: str, tags: Sequence[str]) -> str:
    """Tags become the question's hashtags: those not in the text yet are added on a last line,
    so they stay when the question is edited."""
    present = set(markup.hashtags_in(body))
    missing = [tag for tag in tags if tag not in present]
    body = body.strip()
    if missing and body:
        body += "\n\n" + " ".join(f"#{tag}" for tag in missing)
    return body


# Why someone gets a question by e-mail; each says so in the e-mail's first line.
HELPER = "helper"  # a helper for the question's department or one of its tags
AMBASSADOR = "ambassador"  # the asker's ambassador, for a question in the help place
NO_HELPER = "no_helper"  # the asker's ambassador, because nobody is a helper for it
PROJECT_TEAM = "project_team"  # the project team, for a question in the help place
ACCEPTED = "accepted"  # not routing: the answer this person gave was accepted


def _headline(reason: str, post: Post) -> str:
    name = post.author.full_name
    if reason == HELPER:
        return _("You are a helper for this subject, so this new question was sent to you.")
    if reason == AMBASSADOR:
        return _(
            "As an intranet ambassador you help colleagues find their way: %(name)s asked "
            "this question in the help place."
        ) % {"name": name}
    if reason == NO_HELPER:
        return _(
            "Nobody is a helper for this subject yet, so this question from %(name)s, a "
            "colleague you are an ambassador for, was sent to you. Answer it if you can, or "
            "point to someone who can."
        ) % {"name": name}
    if reason == PROJECT_TEAM:
        return _(
            "You are in the intranet's project team, so questions in the help place are sent "
            "to you."
        )
    return _("The answer you gave to this question was accepted. Thank you!")


def _email(person: Person, post: Post, reason: str) -> Email:
    with in_language_of(person):
        if reason == ACCEPTED:
            subject = _("Your answer was accepted: %(title)s") % {"title": post.title}
        else:
            subject = _("A question for you: %(title)s") % {"title": post.title}
        return render_email(
            subject=subject,
            text="questions/email/question.txt",
            context={
                "person": person,
                "post": post,
                "headline": _headline(reason, post),
                "link": absolute_url(post.get_absolute_url()),
                "site_name": branding_get().intranet_name,
            },
        )


def _mail_later(recipients: Sequence[Recipient], post: Post) -> None:
    for recipient in recipients:
        person = recipient.person
        if person.is_active and person.email:
            _email(person, post, recipient.reason).enqueue_on_commit(to=[person.email])


@dataclass(frozen=True)
class Recipient:
    person: Person
    reason: str


def recipients_for(post: Post, details: QuestionDetails) -> list[Recipient]:
    """Who a new question is sent to, and why; only people who may read it, never the asker:
    - the helpers for its department or any of its tags;
    - the asker's helpers, their ambassadors (core.registries.helpers) when it is asked in the
      help place,
      and also when no helper was found, so that no question goes unseen;
    - the project team, for a question in the help place."""
    tag_ids = list(post.hashtags.values_list("pk", flat=True))
    rows = Helper.objects.filter(person__is_active=True).select_related("person")
    wanted = rows.filter(topic_id__in=tag_ids)
    if details.routed_department_id is not None:
        wanted = wanted | rows.filter(department_id=details.routed_department_id)
    found: dict[int, Recipient] = {}

    def add(person: Person, reason: str) -> None:
        if (
            person.pk != post.author_id
            and person.pk not in found
            and permissions.can_view_question(person, post)
        ):
            found[person.pk] = Recipient(person, reason)

    for row in wanted:
        add(row.person, HELPER)
    in_help_place = is_help_space(post.space)
    if in_help_place or not found:
        for person in helpers_of(post.author):
            add(person, AMBASSADOR if in_help_place else NO_HELPER)
    if in_help_place:
        for person in _project_team(asker=post.author):
            add(person, PROJECT_TEAM)
    return [found[pk] for pk in sorted(found)]


def _project_team(*, asker: Person) -> list[Person]:
    people = Person.objects.filter(is_active=True, groups__name="project_team")
    return list(people.exclude(pk=asker.pk).distinct().order_by("pk"))


def question_ask(
    *,
    author: Person,
    title: str,
    body: str,
    space: Space | None = None,
    tags: str = "",
    department: Department | None = None,
) -> Post:
    """Ask a question (in a space only as a member); its tags become hashtags. It is sent by
    e-mail to the people recipients_for() finds, and listed under their "Sent to you"."""
    _require(permissions.can_ask(author, space))
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Write your question.")})
    tag_names = clean_tags(tags)
    if not body.strip():
        body = title
    with transaction.atomic():
        post = post_services.post_create(
            author=author,
            body=_with_tags(body, tag_names),
            space=space,
            kind=Post.Kind.QUESTION,
            title=title,
        )
        topic = Hashtag.objects.filter(name=tag_names[0]).first() if tag_names else None
        details = QuestionDetails.objects.create(
            post=post, routed_department=department, topic=topic
        )
        recipients = recipients_for(post, details)
        details.routed_to.set([recipient.person for recipient in recipients])
        _mail_later(recipients, post)
    return post


def answer_create(*, question: Post, author: Person, body: str) -> Comment:
    """Answer a question: a top-level comment on it."""
    _require(permissions.can_answer(author, question))
    return post_services.comment_create(post=question, author=author, body=body)


def _answer_of(question: Post, answer: Comment) -> None:
    if answer.post_id != question.pk or answer.parent_id is not None or answer.deleted_at:
        raise ValidationError(_("That answer is no longer there."))


def answer_accept(*, question: Post, answer: Comment | None, by: Person) -> QuestionDetails:
    """Accept an answer (None: accept none). Only one answer is accepted at a time; its author
    gets an e-mail."""
    _require(permissions.can_accept(by, question))
    if answer is not None:
        _answer_of(question, answer)
    with transaction.atomic():
        details, _created = QuestionDetails.objects.select_for_update().get_or_create(post=question)
        before = details.accepted_answer_id
        details.accepted_answer = answer
        details.answered_at = timezone.now() if answer is not None else None
        details.save(update_fields=["accepted_answer", "answered_at"])
        if answer is not None and answer.pk != before and answer.author_id != by.pk:
            _mail_later([Recipient(answer.author, ACCEPTED)], question)
    return details


@transaction.atomic
def answer_vote_set(*, answer: Comment, person: Person, useful: bool) -> None:
    """Mark an answer useful, or take that back."""
    _require(permissions.can_vote(person, answer))
    if useful:
        AnswerVote.objects.get_or_create(comment=answer, person=person)
    else:
        AnswerVote.objects.filter(comment=answer, person=person).delete()


def helper_add(
    *,
    by: Person,
    person: Person,
    department: Department | None = None,
    topic: str = "",
) -> Helper:
    """Make someone a helper for a department or a topic (exactly one)."""
    _require(permissions.can_manage_helpers(by))
    names = clean_tags(topic)
    if (department is None) == (not names):
        raise ValidationError(_("Choose either a department or a topic."))
    if len(names) > 1:
        raise ValidationError({"topic": _("Give one topic.")})
    if not person.is_active:
        raise ValidationError({"person": _("This person no longer works here.")})
    with transaction.atomic():
        hashtag = None
        if names:
            hashtag, _created = Hashtag.objects.get_or_create(name=names[0])
        helper, _created = Helper.objects.get_or_create(
            person=person, department=department, topic=hashtag
        )
    return helper


@transaction.atomic
def helper_remove(*, by: Person, helper: Helper) -> None:
    _require(permissions.can_manage_helpers(by))
    helper.delete()
