"""Who hears about what. Called after commit by the services that change content.

Nobody is notified about content they may not see: every recipient is checked against the
same rules the pages use (posts/permissions.py) at the moment the notification is made, and the
list, counters and digests filter again when they are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction

from plein.people.models import Person
from plein.posts import permissions as post_rules
from plein.posts.models import Comment, Post, PostFollow, Reaction

from .models import Notification, SpaceMute

Kind = Notification.Kind


def _muted(person: Person, post: Post) -> bool:
    if PostFollow.objects.filter(person=person, post=post, state=PostFollow.State.MUTED).exists():
        return True
    return (
        post.space_id is not None
        and SpaceMute.objects.filter(person=person, space_id=post.space_id).exists()
    )


def _deliver(
    recipients: Iterable[Person],
    *,
    kind: str,
    actor: Person,
    post: Post,
    comment: Comment | None = None,
    respect_mutes: bool = True,
) -> list[Notification]:
    made = []
    seen: set[int] = set()
    for person in recipients:
        if person.pk in seen or person.pk == actor.pk or not person.is_active:
            continue
        seen.add(person.pk)
        if not post_rules.can_view_post(person, post) or post.is_deleted:
            continue
        if respect_mutes and _muted(person, post):
            continue
        made.append(
            Notification(
                recipient=person,
                actor=actor,
                kind=kind,
                post=post,
                comment=comment,
                space_id=post.space_id,
            )
        )
    Notification.objects.bulk_create(made)
    return made


@transaction.atomic
def post_published(post_id: int, *, mentioned_ids: Sequence[int] = ()) -> list[Notification]:
    post = Post.objects.select_related("author", "space").filter(pk=post_id).first()
    if post is None or post.is_deleted:
        return []
    people = Person.objects.filter(pk__in=mentioned_ids)
    # Being mentioned by name gets through a muted space or post: it is addressed to you.
    return _deliver(people, kind=Kind.MENTION, actor=post.author, post=post, respect_mutes=False)


@transaction.atomic
def comment_published(
    comment_id: int, mentioned_ids: Sequence[int] = (), *, only_mentions: bool = False
) -> list[Notification]:
    comment = (
        Comment.objects.select_related("author", "post__author", "post__space", "parent__author")
        .filter(pk=comment_id, deleted_at__isnull=True)
        .first()
    )
    if comment is None:
        return []
    post, actor = comment.post, comment.author
    made = _deliver(
        Person.objects.filter(pk__in=mentioned_ids),
        kind=Kind.MENTION,
        actor=actor,
        post=post,
        comment=comment,
        respect_mutes=False,
    )
    if only_mentions:
        return made
    told = {n.recipient_id for n in made}
    if comment.parent is not None and comment.parent.author_id not in told:
        made += _deliver(
            [comment.parent.author], kind=Kind.REPLY, actor=actor, post=post, comment=comment
        )
        told |= {n.recipient_id for n in made}
    if post.author_id not in told:
        made += _deliver([post.author], kind=Kind.COMMENT, actor=actor, post=post, comment=comment)
        told |= {n.recipient_id for n in made}
    followers = Person.objects.filter(
        post_follows__post=post, post_follows__state=PostFollow.State.FOLLOWING
    ).exclude(pk__in=told)
    made += _deliver(followers, kind=Kind.FOLLOWED_POST, actor=actor, post=post, comment=comment)
    return made


@transaction.atomic
def reaction_added(reaction_id: int) -> list[Notification]:
    reaction = (
        Reaction.objects.select_related(
            "person", "post__author", "comment__author", "comment__post"
        )
        .filter(pk=reaction_id)
        .first()
    )
    if reaction is None:
        return []
    if reaction.post is not None:
        post, owner, comment = reaction.post, reaction.post.author, None
    else:
        assert reaction.comment is not None
        post, owner, comment = reaction.comment.post, reaction.comment.author, reaction.comment
    return _deliver([owner], kind=Kind.REACTION, actor=reaction.person, post=post, comment=comment)
