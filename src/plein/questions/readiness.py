"""Readiness check for questions: the help place is open and questions get answers there."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.paths import path
from plein.core.registries.readiness import (
    Check,
    Result,
    Threshold,
    at_least,
    mean_progress,
    register,
)
from plein.posts.models import Comment, Post
from plein.spaces.help import HELP_SPACE_SLUG
from plein.spaces.models import Space

ANSWERED = "questions_answered"


def _questions(values: dict[str, int]) -> Result:
    place = Space.objects.filter(slug=HELP_SPACE_SLUG).values_list(
        "is_default_for_everyone", "kind"
    )
    found = place.first()
    # Everyone can ask there: everyone is a member, or anyone may join.
    open_to_all = found is not None and (found[0] or found[1] == Space.Kind.OPEN)
    answers = Comment.objects.filter(
        post=OuterRef("pk"), parent__isnull=True, deleted_at__isnull=True
    )
    answered = Post.objects.filter(
        Exists(answers), kind=Post.Kind.QUESTION, deleted_at__isnull=True
    ).count()
    if found is None:
        place_text = _("There is no help space for questions about the intranet.")
    elif not open_to_all:
        place_text = _("Not everyone can ask in the help space: make it a default for everyone.")
    else:
        place_text = _("Everyone can ask in the help space.")
    summary = " ".join(
        [
            place_text,
            _("Questions with an answer: %(count)s (wanted: at least %(minimum)s).")
            % {"count": answered, "minimum": values[ANSWERED]},
        ]
    )
    place_result = Result(done=open_to_all, summary=place_text)
    enough = at_least(answered, values[ANSWERED], summary=summary)
    if found is None:
        fix_url = path("spaces:create")
    elif not open_to_all:
        fix_url = path("spaces:defaults", HELP_SPACE_SLUG)
    else:
        fix_url = f"{path('questions:ask')}?space={HELP_SPACE_SLUG}"
    return Result(
        done=place_result.done and enough.done,
        summary=summary,
        progress=mean_progress(place_result, enough),
        fix_url=fix_url,
    )


register(
    Check(
        key="questions",
        label=gettext_lazy("A place for questions, with answered questions"),
        order=60,
        evaluate=_questions,
        fix_url=lambda: path("questions:list"),
        thresholds=(
            Threshold(
                ANSWERED,
                gettext_lazy("Answered questions"),
                3,
                gettext_lazy(
                    "At least this many questions with an answer, for example the questions "
                    "people will ask first, answered by the project team or an ambassador."
                ),
                maximum=1000,
            ),
        ),
    )
)
