"""First steps for posts: follow colleagues, react, and write something yourself."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path
from plein.core.registries.firststeps import Step, register
from plein.people.models import Person

from .models import PersonFollow, Post, Reaction

register(
    Step(
        key="follow",
        label=_("Follow colleagues"),
        help=_(
            "Their posts then appear in your stream. Open a colleague's profile and choose "
            "“Follow”."
        ),
        order=30,
        url=lambda person: path("people:directory"),
        action=_("Find colleagues"),
        evidence=lambda person: PersonFollow.objects.filter(follower=person),
    )
)


def _own_posts(person: Person) -> QuerySet[Any]:
    return Post.objects.filter(author=person, deleted_at__isnull=True)


register(
    Step(
        key="react",
        label=_("React to something"),
        help=_(
            "A like, a celebration or a laugh tells a colleague their post was read. Find one "
            "in the stream."
        ),
        order=40,
        url=lambda person: path("posts:feed"),
        action=_("Go to the stream"),
        evidence=lambda person: Reaction.objects.filter(person=person),
    )
)

register(
    Step(
        key="first_post",
        label=_("Write your first post or question"),
        help=_(
            "Introduce yourself, share something from your work, or ask what you have always "
            "wanted to know. Others learn from the answer too."
        ),
        order=50,
        url=lambda person: path("posts:create"),
        action=_("Write a post"),
        evidence=_own_posts,
    )
)
