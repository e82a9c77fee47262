"""Every change to posts, comments, reactions and follows goes through here.

Side effects (notifications, the link preview) are queued with transaction.on_commit, so nothing
is announced for a change that is rolled back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.after_response import after_response
from plein.core.permissions import require as _require
from plein.core.registries import events, search, usage
from plein.people.models import Department, Location, Person
from plein.spaces.models import Space

from . import files as post_files
from . import markup, mentions, permissions, tasks
from .files import ImageUpload
from .models import (
    Comment,
    FeedVisit,
    Hashtag,
    PersonFollow,
    Post,
    PostFollow,
    PostRevision,
    Reaction,
)

FIRST_LINK = re.compile(r'<a href="(https?://[^"]+)"')


def render_body(body: str) -> tuple[markup.Rendered, list[Person]]:
    """The body as safe HTML with every @mention marked (plein.posts.mentions links them for each
    reader when shown), and the active people mentioned in it, to be told."""
    rendered = markup.render(body, lambda name: True)
    found = mentions.people_by_handle(Person.objects.filter(is_active=True), rendered.mentions)
    people = [person for name in rendered.mentions if (person := found.get(name.lower()))]
    return rendered, list(dict.fromkeys(people))


def _clean_body(body: str, *, field: str = "body") -> str:
    body = body.strip()
    if not body:
        raise ValidationError({field: _("Write something first.")})
    return body


def _hashtags(names: Sequence[str]) -> list[Hashtag]:
    if not names:
        return []
    Hashtag.objects.bulk_create([Hashtag(name=name) for name in names], ignore_conflicts=True)
    return list(Hashtag.objects.filter(name__in=names))


def _first_link(html: str) -> str:
    """The first outside web address in the rendered body (mentions and hashtags are ours)."""
    match = FIRST_LINK.search(html)
    return match.group(1).replace("&amp;", "&") if match else ""


def _apply_body(post: Post, body: str) -> tuple[list[Person], list[str]]:
    """Set the text, its HTML and its link; returns the people mentioned and the hashtags."""
    rendered, mentioned = render_body(body)
    post.body = body
    post.body_html = rendered.html
    link = _first_link(rendered.html)
    if link != post.link_url:
        post.link_url, post.link_title, post.link_description = link, "", ""
    return mentioned, rendered.hashtags


def _after_commit_of_post(post: Post, *, newly_mentioned: list[Person], link_changed: bool) -> None:
    post_id = post.pk
    mentioned_ids = [person.pk for person in newly_mentioned]
    transaction.on_commit(lambda: tasks.notify_later(tasks.post_published, post_id, mentioned_ids))
    if link_changed and post.link_url:
        transaction.on_commit(lambda: tasks.link_preview_enqueue(post_id))


@dataclass(frozen=True)
class Reach:
    """When and for whom a post appears (editors only): a publication moment (None: now), a
    moment it is taken down (None: never) and an audience (none: everyone)."""

    publish_at: datetime | None = None
    hidden_after: datetime | None = None
    departments: Sequence[Department] = ()
    locations: Sequence[Location] = ()

    @property
    def is_targeted(self) -> bool:
        return bool(self.departments or self.locations)


EVERYONE_NOW = Reach()


def _check_reach(author: Person, reach: Reach, *, field_prefix: str = "") -> None:
    if reach != EVERYONE_NOW:
        _require(permissions.can_post_announcement(author))
    start = reach.publish_at or timezone.now()
    if reach.hidden_after is not None and reach.hidden_after <= start:
        raise ValidationError(
            {"hidden_after": _("Take it down after it has been published, not before.")}
        )


def _clean_title(kind: str, title: str) -> str:
    title = " ".join(title.split())
    if kind in (Post.Kind.NEWS, Post.Kind.BLOG) and not title:
        raise ValidationError({"title": _("Give it a title.")})
    return title


def _apply_reach(post: Post, reach: Reach) -> None:
    """After the post is saved: its audience (the moment is set before saving)."""
    post.audience_departments.set(reach.departments)
    post.audience_locations.set(reach.locations)


def post_create(
    *,
    author: Person,
    body: str,
    space: Space | None = None,
    is_announcement: bool = False,
    images: Sequence[ImageUpload] = (),
    attachments: Sequence[UploadedFile] = (),
    kind: str = Post.Kind.POST,
    title: str = "",
    reach: Reach = EVERYONE_NOW,
) -> Post:
    """Post in a space, on the author's own profile, or (editors) as an announcement or news.

    Other apps make their kinds of post (news, blog entries, kudos) through here too, after
    checking their own rules; `reach` plans a post ahead, takes it down later or aims it at
    departments and locations (editors only)."""
    if space is not None:
        _require(not is_announcement and permissions.can_post_in_space(author, space))
    elif is_announcement or kind == Post.Kind.NEWS:
        _require(permissions.can_post_announcement(author))
    else:
        _require(permissions.can_post_on_profile(author))
    _check_reach(author, reach)
    title = _clean_title(kind, title)
    body = _clean_body(body)
    post_files.check_files(images, attachments)
    prepared = post_files.prepare_images(images)
    files = post_files.Files()
    try:
        with transaction.atomic():
            post = Post(
                author=author,
                space=space,
                is_announcement=is_announcement,
                kind=kind,
                title=title,
                created_at=reach.publish_at or timezone.now(),
                hidden_after=reach.hidden_after,
                is_targeted=reach.is_targeted,
            )
            mentioned, hashtags = _apply_body(post, body)
            post.save()
            _apply_reach(post, reach)
            post.hashtags.set(_hashtags(hashtags))
            post.mentioned_people.set(mentioned)
            PostFollow.objects.create(person=author, post=post)
            post_files.save_images(post, prepared, files)
            post_files.save_attachments(post, attachments, files)
            post_files.count_files(post)
            search.index("post", post)
            _after_commit_of_post(post, newly_mentioned=mentioned, link_changed=True)
            usage.record(author, usage.Kind.POST, subject=post.kind, object_id=post.pk)
            if space is not None:
                events.emit(events.Event(events.POST_CREATED, post.pk, author.pk, space.pk))
    except BaseException:
        files.discard()
        raise
    return post


def post_update(
    *,
    post: Post,
    editor: Person,
    body: str,
    images: Sequence[ImageUpload] = (),
    attachments: Sequence[UploadedFile] = (),
    remove_image_ids: Sequence[int] = (),
    remove_attachment_ids: Sequence[int] = (),
    title: str | None = None,
    reach: Reach | None = None,
) -> Post:
    """Change a post's text (the old text is kept as a revision) and its files; with `title`
    or `reach`, those too (None keeps them; a reach without publish_at keeps the moment)."""
    _require(permissions.can_edit_post(editor, post))
    if reach is not None:
        _check_reach(editor, reach)
    if title is not None:
        title = _clean_title(post.kind, title)
    body = _clean_body(body)
    post_files.check_file_count(post, images, attachments, remove_image_ids, remove_attachment_ids)
    post_files.check_files(images, attachments)
    prepared = post_files.prepare_images(images)
    files = post_files.Files()
    try:
        with transaction.atomic():
            post = Post.objects.select_for_update().get(pk=post.pk)
            old_link = post.link_url
            before = set(post.mentioned_people.values_list("pk", flat=True))
            mentioned = _revise(post, editor=editor, body=body, title=title, reach=reach)
            removed = post_files.remove_files(post, remove_image_ids, remove_attachment_ids)
            post_files.save_images(post, prepared, files)
            post_files.save_attachments(post, attachments, files)
            post_files.count_files(post)
            _index_with_comments(post)
            _after_commit_of_post(
                post,
                newly_mentioned=[person for person in mentioned if person.pk not in before],
                link_changed=post.link_url != old_link,
            )
            storage = files.storage
            transaction.on_commit(lambda: post_files.delete_all(storage, removed))
    except BaseException:
        files.discard()
        raise
    return post


def _revise(
    post: Post, *, editor: Person, body: str, title: str | None, reach: Reach | None
) -> list[Person]:
    """Within post_update's transaction: keep a changed text's old version as a revision, apply
    the new text (and title and reach, unless None), save the post with its hashtags and
    mentions; return the people mentioned."""
    if body != post.body:
        PostRevision.objects.create(
            post=post,
            body=post.body,
            written_at=post.edited_at or post.created_at,
            replaced_by=editor,
        )
        post.edited_at = timezone.now()
    mentioned, hashtags = _apply_body(post, body)
    if title is not None:
        post.title = title
    if reach is not None:
        post.created_at = reach.publish_at or post.created_at
        post.hidden_after = reach.hidden_after
        post.is_targeted = reach.is_targeted
        _apply_reach(post, reach)
    post.save()
    post.hashtags.set(_hashtags(hashtags))
    post.mentioned_people.set(mentioned)
    return mentioned


def _index_with_comments(post: Post) -> None:
    """Index the post and, in bulk, its comments: a comment's entry carries its post's title
    (or first line) and kind, and there is none while the post is removed."""
    search.index("post", post)
    comments = list(Comment.objects.filter(post_id=post.pk, deleted_at__isnull=True))
    for comment in comments:
        comment.post = post
    search.index_many("comment", comments)


@transaction.atomic
def post_delete(*, post: Post, by: Person) -> Post:
    """Soft delete: the post disappears for everyone except those who may restore it (from the
    search too, with its comments)."""
    _require(permissions.can_delete_post(by, post))
    post.deleted_at, post.deleted_by, post.pinned_at = timezone.now(), by, None
    post.save(update_fields=["deleted_at", "deleted_by", "pinned_at"])
    search.index("post", post)
    search.unindex_many("comment", list(post.comments.values_list("pk", flat=True)))
    return post


@transaction.atomic
def post_restore(*, post: Post, by: Person) -> Post:
    _require(permissions.can_restore_post(by, post))
    post.deleted_at = post.deleted_by = None
    post.save(update_fields=["deleted_at", "deleted_by"])
    _index_with_comments(post)
    return post


@transaction.atomic
def post_pin(*, post: Post, by: Person, pinned: bool = True) -> Post:
    """Pin a post to the top of its space (or take the pin off)."""
    _require(permissions.can_pin_post(by, post))
    post.pinned_at = timezone.now() if pinned else None
    post.save(update_fields=["pinned_at"])
    return post


def comment_create(
    *, post: Post, author: Person, body: str, parent: Comment | None = None
) -> Comment:
    """Comment on a post, or reply to a comment (a reply to a reply joins the same thread)."""
    _require(permissions.can_respond(author, post))
    body = _clean_body(body)
    if parent is not None:
        if parent.post_id != post.pk or parent.deleted_at is not None:
            raise ValidationError(_("The comment you reply to is no longer there."))
        parent = parent.parent or parent
    rendered, mentioned = render_body(body)
    with transaction.atomic():
        comment = Comment.objects.create(
            post=post, parent=parent, author=author, body=body, body_html=rendered.html
        )
        comment.mentioned_people.set(mentioned)
        search.index("comment", comment)
        Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
        PostFollow.objects.get_or_create(person=author, post=post)
        comment_id, mentioned_ids = comment.pk, [person.pk for person in mentioned]
        usage.record(author, usage.Kind.COMMENT, subject="post", object_id=post.pk)
        transaction.on_commit(
            lambda: tasks.notify_later(tasks.comment_published, comment_id, mentioned_ids, False)
        )
    return comment


def comment_update(*, comment: Comment, editor: Person, body: str) -> Comment:
    _require(permissions.can_edit_comment(editor, comment))
    body = _clean_body(body)
    rendered, mentioned = render_body(body)
    with transaction.atomic():
        before = set(comment.mentioned_people.values_list("pk", flat=True))
        if body != comment.body:
            comment.edited_at = timezone.now()
        comment.body, comment.body_html = body, rendered.html
        comment.save(update_fields=["body", "body_html", "edited_at"])
        comment.mentioned_people.set(mentioned)
        search.index("comment", comment)
        comment_id = comment.pk
        new_ids = [person.pk for person in mentioned if person.pk not in before]
        if new_ids:
            transaction.on_commit(
                lambda: tasks.notify_later(tasks.comment_published, comment_id, new_ids, True)
            )
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, by: Person) -> Comment:
    _require(permissions.can_delete_comment(by, comment))
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["deleted_at"])
    search.index("comment", comment)
    Post.objects.filter(pk=comment.post_id, comment_count__gt=0).update(
        comment_count=F("comment_count") - 1
    )
    return comment


def _count_reaction(
    post: Post | None, *, removed: str | None = None, added: str | None = None
) -> None:
    """Keep a post's reaction counters in step (a comment's are counted when shown)."""
    if post is None:
        return
    locked = Post.objects.select_for_update().only("reaction_counts").get(pk=post.pk)
    counts = dict(locked.reaction_counts)
    if removed:
        counts[removed] = max(counts.get(removed, 0) - 1, 0)
    if added:
        counts[added] = counts.get(added, 0) + 1
    counts = {kind: n for kind, n in counts.items() if n}
    Post.objects.filter(pk=post.pk).update(
        reaction_counts=counts, reaction_count=sum(counts.values())
    )


def reaction_set(
    *, person: Person, kind: str | None, post: Post | None = None, comment: Comment | None = None
) -> Reaction | None:
    """React to a post or comment with `kind`; the same kind again, or None, takes it back."""
    target_post = post if post is not None else comment.post if comment is not None else None
    if target_post is None or (post is None) == (comment is None):
        raise ValueError("React to exactly one post or comment.")
    _require(permissions.can_respond(person, target_post))
    if comment is not None:
        _require(permissions.can_view_comment(person, comment))
    if kind is not None and kind not in Reaction.Kind.values:
        raise ValidationError(_("Choose one of the reactions offered."))
    target = {"post": post} if post is not None else {"comment": comment}
    with transaction.atomic():
        existing = Reaction.objects.select_for_update().filter(person=person, **target).first()
        if existing is not None and (kind is None or existing.kind == kind):
            existing.delete()
            _count_reaction(post, removed=existing.kind)
            return None
        if existing is not None:
            _count_reaction(post, removed=existing.kind, added=kind)
            existing.kind = kind  # type: ignore[assignment]
            existing.save(update_fields=["kind"])
            return existing
        if kind is None:
            return None
        reaction = Reaction.objects.create(person=person, kind=kind, **target)
        _count_reaction(post, added=kind)
        reaction_id = reaction.pk
        usage.record(person, usage.Kind.REACTION, subject="post", object_id=target_post.pk)
        transaction.on_commit(lambda: tasks.notify_later(tasks.reaction_added, reaction_id))
        return reaction


@transaction.atomic
def person_follow(*, follower: Person, followed: Person, follow: bool = True) -> None:
    _require(permissions.can_follow_person(follower, followed.pk) and followed.is_active)
    if follow:
        PersonFollow.objects.get_or_create(follower=follower, followed=followed)
    else:
        PersonFollow.objects.filter(follower=follower, followed=followed).delete()


@transaction.atomic
def post_follow_set(*, person: Person, post: Post, state: str | None) -> None:
    """Follow a post (notified of new comments), mute it (never notified), or neither (None)."""
    _require(permissions.can_view_post(person, post))
    if state is None:
        PostFollow.objects.filter(person=person, post=post).delete()
        return
    if state not in PostFollow.State.values:
        raise ValueError(state)
    PostFollow.objects.update_or_create(person=person, post=post, defaults={"state": state})


def feed_visit_record(*, person: Person) -> datetime | None:
    """Note a look at the home feed; returns the moment after which posts count as new (the end
    of the previous visit), or None on a first visit. Only reads: the look is written once the
    response has been sent (feed_visit_save), so a GET does not write in its transaction."""
    now = timezone.now()
    previous = FeedVisit.objects.filter(person=person).first()
    after_response(feed_visit_save, person=person, seen_at=now)
    return previous.since_at(now) if previous is not None else None


@transaction.atomic
def feed_visit_save(*, person: Person, seen_at: datetime) -> FeedVisit:
    """Write a look at the home feed at `seen_at` (a later look already written stays)."""
    visit, created = FeedVisit.objects.select_for_update().get_or_create(
        person=person, defaults={"seen_at": seen_at}
    )
    if not created and seen_at > visit.seen_at:
        visit.since = visit.since_at(seen_at)
        visit.seen_at = seen_at
        visit.save(update_fields=["seen_at", "since"])
    return visit
