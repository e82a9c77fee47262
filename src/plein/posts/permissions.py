"""Who may see and do what with posts, comments, reactions and attachments.

Every surface (post page, feeds, hashtag pages, notifications, digests, downloads, counters)
asks these rules; each rule is a function and, where lists need it, a queryset that agree.

- A post in a space is visible to whoever may see the space's content (spaces/permissions.py).
- A profile post and an announcement are visible to every active person.
- A post appears at its publication moment (`created_at`, which may lie ahead for news planned by
  an editor) and disappears when it is taken down (`hidden_after`); a post with an audience
  (departments, including their sub-departments, and/or locations) reaches only those people.
  Authors always see their own posts; editors and community managers ("see unpublished") see
  planned, taken-down and targeted posts of others too, in places they may read.
- A deleted post is visible only to those who may restore it: the space's moderators, and
  people with the "moderate posts" right (community managers) for posts they could otherwise see.
- A deactivated or anonymous user sees nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from plein.people.permissions import audience_of
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from .models import Attachment, Comment, Post

User = space_rules.User


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _visible_place(user: User) -> Q:
    # A correlated EXISTS rather than IN (subquery): SQLite would otherwise split the OR and sort
    # every visible post instead of walking the stream index.
    visible = space_rules.spaces_with_visible_content(user).filter(pk=OuterRef("space_id"))
    return Q(space__isnull=True) | Q(Exists(visible))


def _published(now: datetime) -> Q:
    return Q(created_at__lte=now) & (Q(hidden_after__isnull=True) | Q(hidden_after__gt=now))


def _in_audience(user: User) -> Q:
    departments, location = audience_of(user)
    through_departments = Post.audience_departments.through.objects.filter(
        post_id=OuterRef("pk"), department_id__in=departments
    )
    through_locations = Post.audience_locations.through.objects.filter(
        post_id=OuterRef("pk"), location_id__in=[location] if location else []
    )
    return Q(is_targeted=False) | Q(Exists(through_departments)) | Q(Exists(through_locations))


def _sees_unpublished(user: User) -> bool:
    return user.has_perm("posts.see_unpublished")


def visible_posts(user: User) -> QuerySet[Post]:
    """Posts the user may read, deleted ones excluded."""
    if not _active(user):
        return Post.objects.none()
    posts = Post.objects.filter(_visible_place(user), deleted_at__isnull=True)
    if _sees_unpublished(user):
        return posts
    reach = _published(timezone.now()) & _in_audience(user)
    return posts.filter(reach | Q(author_id=int(user.pk or 0)))


def listed_among(user: User, posts: Iterable[Post]) -> set[int]:
    """The ids of those of these posts that visible_posts(user) lists, by the rule (can_view_post
    on posts loaded with their space, deleted ones left out) instead of a query that works out
    every post the user may see: one query for the user's memberships of their spaces (none when
    already known) and, only for targeted posts, their audiences."""
    posts = [post for post in posts if post.deleted_at is None]
    if not _active(user) or not posts:
        return set()
    space_rules.memberships_preload(user, {post.space_id for post in posts})
    targeted = [post for post in posts if post.is_targeted]
    if targeted:
        prefetch_related_objects(targeted, "audience_departments", "audience_locations")
    return {post.pk for post in posts if can_view_post(user, post)}


def _reaches(user: User, post: Post) -> bool:
    """Published now and meant for the user (the author and editors are always reached)."""
    if post.author_id == user.pk or _sees_unpublished(user):
        return True
    now = timezone.now()
    if post.created_at > now or (post.hidden_after is not None and post.hidden_after <= now):
        return False
    if not post.is_targeted:
        return True
    departments, location = audience_of(user)
    return any(d.pk in departments for d in post.audience_departments.all()) or any(
        loc.pk == location for loc in post.audience_locations.all()
    )


def _can_see_place(user: User, post: Post) -> bool:
    return post.space_id is None or space_rules.can_view_space_content(user, _space(post))


def _space(post: Post) -> Space:
    assert post.space is not None
    return post.space


def can_moderate_post(user: User, post: Post) -> bool:
    """Remove anyone's post, and see and restore removed posts."""
    if not _active(user) or not _can_see_place(user, post):
        return False
    if user.has_perm("posts.moderate_posts"):
        return True
    return post.space_id is not None and space_rules.can_moderate(user, _space(post))


def can_view_post(user: User, post: Post) -> bool:
    if not _active(user) or not _can_see_place(user, post) or not _reaches(user, post):
        return False
    return not post.is_deleted or can_moderate_post(user, post)


def can_edit_post(user: User, post: Post) -> bool:
    """Authors edit their own posts; news is edited by any editor (it is the editors' work)."""
    if not can_view_post(user, post) or post.is_deleted:
        return False
    return post.author_id == user.pk or (
        post.kind == Post.Kind.NEWS and can_post_announcement(user)
    )


def can_delete_post(user: User, post: Post) -> bool:
    if post.is_deleted:
        return False
    return can_edit_post(user, post) or can_moderate_post(user, post)


def can_restore_post(user: User, post: Post) -> bool:
    return post.is_deleted and can_moderate_post(user, post)


def can_pin_post(user: User, post: Post) -> bool:
    return (
        post.space_id is not None
        and not post.is_deleted
        and _active(user)
        and space_rules.can_moderate(user, _space(post))
    )


def can_post_in_space(user: User, space: Space) -> bool:
    return _active(user) and space_rules.is_member(user, space)


def can_post_on_profile(user: User) -> bool:
    return _active(user)


def can_post_announcement(user: User) -> bool:
    return _active(user) and user.has_perm("posts.post_announcement")


def can_respond(user: User, post: Post) -> bool:
    """Comment and react: whoever may read a (not deleted) post."""
    return not post.is_deleted and can_view_post(user, post)


def visible_comments(user: User) -> QuerySet[Comment]:
    if not _active(user):
        return Comment.objects.none()
    return Comment.objects.filter(post__in=visible_posts(user), deleted_at__isnull=True)


def comments_of(user: User, post: Post) -> QuerySet[Comment]:
    """The comments of one post: the same rows as visible_comments(user).filter(post=post),
    asked of the post itself (as the post page already did) instead of filtering through every
    post the user may see."""
    if not can_respond(user, post):
        return Comment.objects.none()
    return Comment.objects.filter(post_id=post.pk, deleted_at__isnull=True)


def can_view_comment(user: User, comment: Comment) -> bool:
    return comment.deleted_at is None and can_respond(user, comment.post)


def can_edit_comment(user: User, comment: Comment) -> bool:
    return can_view_comment(user, comment) and comment.author_id == user.pk


def can_delete_comment(user: User, comment: Comment) -> bool:
    return can_edit_comment(user, comment) or (
        can_view_comment(user, comment) and can_moderate_post(user, comment.post)
    )


def can_download(user: User, attachment: Attachment) -> bool:
    return can_view_post(user, attachment.post)


def can_follow_person(user: User, person_id: int) -> bool:
    return _active(user) and user.pk != person_id
