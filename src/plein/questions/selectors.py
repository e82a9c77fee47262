"""Reads about questions, built on permissions.visible_questions (posts.permissions underneath),
so lists, suggestions, cards and the question page show exactly what the viewer may read."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from plein.posts.models import Comment, Post
from plein.posts.selectors import post_comments, post_get
from plein.spaces.models import Space

from . import permissions
from .models import AnswerVote, Helper, QuestionDetails

User = permissions.User
PAGE_SIZE = 20
SIMILAR_LIMIT = 5
SIMILAR_CANDIDATES = 60
KEYWORD_MAX_LENGTH = 40
TABS = ("all", "unanswered", "answered", "mine", "sent")
# Short words that say nothing about what a question is about (Dutch and English).
STOP_WORDS = frozenset(
    {
        "aan",
        "als",
        "bij",
        "dan",
        "dat",
        "der",
        "des",
        "die",
        "dit",
        "een",
        "en",
        "het",
        "hoe",
        "ik",
        "in",
        "is",
        "kan",
        "kun",
        "je",
        "jij",
        "met",
        "mijn",
        "naar",
        "niet",
        "of",
        "om",
        "onze",
        "ook",
        "op",
        "te",
        "van",
        "voor",
        "waar",
        "wat",
        "wie",
        "wij",
        "zijn",
        "zo",
        "and",
        "are",
        "can",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "into",
        "the",
        "this",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    }
)


def _answered() -> Exists:
    return Exists(
        QuestionDetails.objects.filter(
            post=OuterRef("pk"),
            accepted_answer__isnull=False,
            accepted_answer__deleted_at__isnull=True,
        )
    )


def _answer_count() -> Coalesce:
    answers = (
        Comment.objects.filter(post=OuterRef("pk"), parent__isnull=True, deleted_at__isnull=True)
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(answers, output_field=IntegerField()), 0)


def _with_state(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.annotate(answer_count=_answer_count(), is_answered=_answered())


def attach_questions(posts: Sequence[Any], user: Any) -> None:
    """For a page of the stream: each question's answer count and whether it is answered (an
    answer accepted), in one query."""
    state = {
        pk: (count, answered)
        for pk, count, answered in _with_state(
            Post.objects.filter(pk__in=[post.pk for post in posts])
        ).values_list("pk", "answer_count", "is_answered")  # type: ignore[misc]
    }
    for post in posts:
        post.answer_count, post.is_answered = state.get(post.pk, (0, False))


def question_list(
    user: User,
    *,
    tab: str = "all",
    tag: str = "",
    space: Space | None = None,
    page: int | str | None = 1,
    size: int = PAGE_SIZE,
) -> Page[Post]:
    """A page of questions the user may read, newest first: all, unanswered (no accepted
    answer yet), answered, the user's own, or those sent to the user; optionally with a tag or
    in a space. Each with author, space, tag_list, answer_count and is_answered, in a fixed
    number of queries."""
    questions = _with_state(permissions.visible_questions(user)).select_related("author", "space")
    if tab == "unanswered":
        questions = questions.filter(is_answered=False)  # type: ignore[misc]
    elif tab == "answered":
        questions = questions.filter(is_answered=True)  # type: ignore[misc]
    elif tab == "mine":
        questions = questions.filter(author_id=int(user.pk or 0))
    elif tab == "sent":
        questions = questions.filter(question_details__routed_to=int(user.pk or 0))
    if tag:
        questions = questions.filter(hashtags__name=tag.lower())
    if space is not None:
        questions = questions.filter(space=space)
    result = Paginator(questions.order_by("-created_at", "-pk"), size).get_page(page)
    posts = list(result.object_list)
    _tags_of(posts)
    result.object_list = posts
    return result


def _tags_of(posts: list[Post]) -> None:
    through = Post.hashtags.through.objects.filter(post_id__in=[p.pk for p in posts])
    tags: dict[int, list[str]] = {}
    for post_id, name in through.order_by("hashtag__name").values_list("post_id", "hashtag__name"):
        tags.setdefault(post_id, []).append(name)
    for post in posts:
        post.tag_list = tags.get(post.pk, [])  # type: ignore[attr-defined]


def unanswered_questions(user: User, limit: int = 5) -> list[Post]:
    """The newest questions without an accepted answer, for a widget on the start page (which
    shows their titles)."""
    questions = permissions.visible_questions(user).filter(~_answered())
    return list(questions.order_by("-created_at", "-pk")[:limit])


def keywords(title: str) -> list[str]:
    """The (at most three) longest meaningful words of a title, in lower case. A "word" longer
    than any real one is no word: searched for, it makes a pattern SQLite refuses."""
    words = {
        w
        for w in re.findall(r"\w+", title.lower())
        if 3 <= len(w) <= KEYWORD_MAX_LENGTH and w not in STOP_WORDS
    }
    return sorted(words, key=lambda w: (-len(w), w))[:3]


def similar_questions(user: User, title: str, *, limit: int = SIMILAR_LIMIT) -> list[Post]:
    """Questions the user may read whose title shares words with `title`, the most words in
    common first (then the newest); each with answer_count and is_answered."""
    words = keywords(title)
    if not words:
        return []
    matches = Q()
    for word in words:
        matches |= Q(title__icontains=word)
    candidates = list(
        _with_state(permissions.visible_questions(user))
        .filter(matches)
        .order_by("-created_at", "-pk")[:SIMILAR_CANDIDATES]
    )
    scores = Counter({p.pk: sum(w in p.title.lower() for w in words) for p in candidates})
    candidates.sort(key=lambda p: -scores[p.pk])  # stable: newest first among equals
    return candidates[:limit]


def question_get(user: User, pk: int) -> Post | None:
    """A question with everything its page shows, if the user may read it; with details
    (accepted_answer_id), can_accept and can_answer."""
    post = post_get(user, pk)
    if post is None or post.kind != Post.Kind.QUESTION:
        return None
    details = QuestionDetails.objects.filter(post=post).select_related("routed_department").first()
    post.details = details  # type: ignore[attr-defined]
    post.can_accept = permissions.can_accept(user, post)  # type: ignore[attr-defined]
    post.can_answer = permissions.can_answer(user, post)  # type: ignore[attr-defined]
    return post


def answers_of(user: User, post: Post) -> list[Comment]:
    """The answers (with their replies) the user may read: the accepted one first, then the most
    useful, then the oldest; each with vote_count, my_vote, is_accepted and can_vote."""
    answers = post_comments(user, post)
    details = getattr(post, "details", None)
    accepted = details.accepted_answer_id if details else None
    ids = [answer.pk for answer in answers]
    counts = dict(
        AnswerVote.objects.filter(comment_id__in=ids)
        .values("comment_id")
        .annotate(n=Count("pk"))
        .values_list("comment_id", "n")
    )
    mine = set(
        AnswerVote.objects.filter(comment_id__in=ids, person_id=int(user.pk or 0)).values_list(
            "comment_id", flat=True
        )
    )
    for answer in answers:
        answer.vote_count = counts.get(answer.pk, 0)  # type: ignore[attr-defined]
        answer.my_vote = answer.pk in mine  # type: ignore[attr-defined]
        answer.is_accepted = answer.pk == accepted  # type: ignore[attr-defined]
        answer.can_vote = permissions.can_vote(user, answer)  # type: ignore[attr-defined]
    answers.sort(key=lambda a: (not a.is_accepted, -a.vote_count, a.created_at, a.pk))  # type: ignore[attr-defined]
    return answers


def answer_get(user: User, pk: int) -> Comment | None:
    """An answer (a top-level comment on a question) the user may read, with its vote state."""
    answer = (
        Comment.objects.filter(
            pk=pk,
            parent__isnull=True,
            deleted_at__isnull=True,
            post__in=permissions.visible_questions(user),
        )
        .select_related("post", "author")
        .first()
    )
    if answer is None:
        return None
    answer.vote_count = AnswerVote.objects.filter(comment=answer).count()  # type: ignore[attr-defined]
    answer.my_vote = AnswerVote.objects.filter(  # type: ignore[attr-defined]
        comment=answer, person_id=int(user.pk or 0)
    ).exists()
    answer.can_vote = permissions.can_vote(user, answer)  # type: ignore[attr-defined]
    return answer


def helper_list() -> QuerySet[Helper]:
    """Every helper who still works here, by department and topic."""
    return (
        Helper.objects.filter(person__is_active=True)
        .select_related("person", "department", "topic")
        .order_by("department__name", "topic__name", "person__last_name", "person__first_name")
    )
