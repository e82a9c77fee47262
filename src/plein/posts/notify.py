"""Who hears about posts, comments and reactions, and which notifications about posts are shown.

The posts' part of notifications (the notifications app sits below posts and knows none of it):

- Run after commit, in the background (tasks.py): a new post tells the people it mentions; a
  comment the people it mentions, the author of the comment it replies to, the post's author and
  the post's followers; a reaction the author of what was reacted to. Nobody hears about a post
  they may not see (permissions.can_view_post, asked at the moment the notification is made),
  nor about activity in a post or space they muted; being mentioned gets through those mutes.
  The notifications are stored and e-mailed through plein.notifications.services.
- The notification target "post" (registered in PostsConfig.ready()): the list, the bell, the
  e-mails and the digests show a notification about a post only while its recipient may read
  the post (permissions.visible_posts, permissions.listed_among).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from django.db import transaction
from django.db.models import Exists, OuterRef

from plein.core.registries.notification_targets import LoadedTargets, NotificationTarget
from plein.notifications import selectors as notification_selectors
from plein.notifications.models import Notification
from plein.notifications.services import notifications_deliver
from plein.people.models import Person

from . import permissions
from .models import Comment, Post, PostFollow, Reaction

Kind = Notification.Kind


def _muted_among(people: list[Person], post: Post) -> set[int]:
    """Who of these people muted the post or its space: two queries, however many people."""
    ids = [person.pk for person in people]
    muted = set(
        PostFollow.objects.filter(
            person_id__in=ids, post=post, state=PostFollow.State.MUTED
        ).values_list("person_id", flat=True)
    )
    if post.space_id is not None:
        muted |= notification_selectors.space_muted_among(person_ids=ids, space_id=post.space_id)
    return muted


def _deliver(
    recipients: Iterable[Person],
    *,
    kind: str,
    actor: Person,
    post: Post,
    comment: Comment | None = None,
    respect_mutes: bool = True,
) -> list[Notification]:
    if post.is_deleted:
        return []
    people = list({p.pk: p for p in recipients if p.pk != actor.pk and p.is_active}.values())
    muted = _muted_among(people, post) if respect_mutes else set()
    made = []
    for person in people:
        if person.pk in muted or not permissions.can_view_post(person, post):
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
    return notifications_deliver(notifications=made)


@transaction.atomic
def post_notify(*, post_id: int, recipient_ids: Sequence[int], kind: str) -> list[Notification]:
    """Tell these people about a post (a new blog entry, kudos, a news item to read), each only
    if they may see it and did not mute it."""
    post = Post.objects.select_related("author", "space").filter(pk=post_id).first()
    if post is None:
        return []
    people = Person.objects.filter(pk__in=recipient_ids, is_active=True)
    return _deliver(people, kind=kind, actor=post.author, post=post)


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


# Which notifications about posts are shown -------------------------------------------------


def _visible(user: permissions.User) -> Exists:
    # Correlated EXISTS rather than IN (subquery): each of the user's notifications looks up its
    # own post, instead of the database working out every post the user may see (PostgreSQL
    # planned that at a cost far above jit_above_cost; SQLite scanned every post).
    return Exists(permissions.visible_posts(user).filter(pk=OuterRef("post_id")))


def _load(ids: Collection[int]) -> LoadedTargets:
    posts = Post.objects.select_related("space").in_bulk(ids)  # no query for no ids
    return LoadedTargets(
        space_ids=frozenset(p.space_id for p in posts.values() if p.space_id is not None),
        listed=lambda user: permissions.listed_among(user, posts.values()),
    )


POST_TARGET = NotificationTarget(key="post", order=10, visible=_visible, load=_load)
