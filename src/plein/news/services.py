"""Every change to news goes through here; the post itself is written by posts.services.

A news item is a Post of kind NEWS (an announcement: it shows in the streams of the people it
reaches) with a NewsItem row for its lead, picture and flags.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core import images as image_files
from plein.core.permissions import require as _require
from plein.core.registries import events, search, usage
from plein.notifications.models import Notification
from plein.people.models import Person
from plein.posts import services as post_services
from plein.posts import tasks as notify
from plein.posts.models import Post
from plein.posts.services import EVERYONE_NOW, ImageUpload, Reach

from . import permissions, tasks
from .models import NewsItem, ReadConfirmation

logger = logging.getLogger(__name__)

IMAGE_MAX_SIDE = 1600
THUMBNAIL_MAX_SIDE = 480


@dataclass
class _Picture:
    large: ContentFile[bytes]
    thumbnail: ContentFile[bytes]
    alt_text: str


def _prepare_image(image: ImageUpload | None) -> _Picture | None:
    """Check and re-encode the picture before anything is written."""
    if image is None:
        return None
    alt_text = " ".join(image.alt_text.split())[:500]
    if not alt_text:
        raise ValidationError(
            {"image_alt": _("Describe the image for colleagues who cannot see it.")}
        )
    try:
        large, _w, _h = image_files.bounded_jpeg(image.file, IMAGE_MAX_SIDE)
        image.file.seek(0)
        small, _w, _h = image_files.bounded_jpeg(image.file, THUMBNAIL_MAX_SIDE)
    except ValidationError as error:
        raise ValidationError({"image": error.error_list}) from None
    return _Picture(large, small, alt_text)


def _clean_lead(lead: str) -> str:
    lead = " ".join(lead.split())
    if not lead:
        raise ValidationError({"lead": _("Write a short lead: one or two sentences.")})
    return lead


def _save_picture(item: NewsItem, picture: _Picture, written: list[str | None]) -> None:
    item.image.save("image.jpg", picture.large, save=False)
    item.thumbnail.save("thumbnail.jpg", picture.thumbnail, save=False)
    item.image_alt = picture.alt_text
    written.extend([item.image.name, item.thumbnail.name])


def _discard(item: NewsItem, names: Sequence[str | None]) -> None:
    storage = item.image.storage
    for name in names:
        if name:
            storage.delete(name)


def _announce_when_published(item: NewsItem) -> None:
    """After commit: tell the people a must-read item reaches, now or at its moment."""
    if not item.must_read or item.must_read_notified_at is not None:
        return
    post_id, moment = item.post_id, item.post.created_at

    def queue() -> None:
        if moment <= timezone.now():
            notify.notify_later(tasks.must_read_announce, post_id)
            return
        planned = tasks.must_read_announce.using(run_after=moment)
        if not planned.get_backend().supports_defer:
            logger.warning("The task backend cannot wait; must-read %s is not announced", post_id)
            return
        try:
            planned.enqueue(post_id)
        except Exception:
            logger.exception("Could not plan the announcement of must-read %s", post_id)

    transaction.on_commit(queue)


def _emit_published(post: Post, by: Person, *, was_planned: bool) -> None:
    """Tell the listeners (webhooks) the item appears: now, or at its planned moment; an item
    that was published already before a change has been told about then."""
    if not was_planned:
        return
    moment = post.created_at if post.created_at > timezone.now() else None
    events.emit(events.Event(events.NEWS_PUBLISHED, post.pk, by.pk, at=moment))


def news_create(
    *,
    author: Person,
    title: str,
    lead: str,
    body: str,
    reach: Reach = EVERYONE_NOW,
    image: ImageUpload | None = None,
    attachments: Sequence[UploadedFile] = (),
    featured: bool = False,
    must_read: bool = False,
) -> NewsItem:
    """Write a news item (editors and community managers), for everyone or an audience."""
    _require(permissions.can_write_news(author))
    lead = _clean_lead(lead)
    picture = _prepare_image(image)
    written: list[str | None] = []
    item = NewsItem(lead=lead, featured=featured, must_read=must_read)
    try:
        with transaction.atomic():
            post = post_services.post_create(
                author=author,
                body=body,
                is_announcement=True,
                attachments=attachments,
                kind=Post.Kind.NEWS,
                title=title,
                reach=reach,
            )
            item.post = post
            if picture is not None:
                _save_picture(item, picture, written)
            item.save()
            search.index("post", post)  # again, now with its lead
            _announce_when_published(item)
            _emit_published(post, author, was_planned=True)
    except BaseException:
        _discard(item, written)
        raise
    return item


def news_update(
    *,
    item: NewsItem,
    editor: Person,
    title: str,
    lead: str,
    body: str,
    reach: Reach,
    image: ImageUpload | None = None,
    remove_image: bool = False,
    image_alt: str | None = None,
    attachments: Sequence[UploadedFile] = (),
    remove_attachment_ids: Sequence[int] = (),
    featured: bool = False,
    must_read: bool = False,
) -> NewsItem:
    """Change a news item (any editor): text, picture, files, audience, moments and flags."""
    _require(permissions.can_edit_news(editor, item.post))
    lead = _clean_lead(lead)
    keeps_image = image is None and not remove_image and bool(item.image)
    if keeps_image and image_alt is not None:
        image_alt = " ".join(image_alt.split())[:500]
        if not image_alt:
            raise ValidationError(
                {"image_alt": _("Describe the image for colleagues who cannot see it.")}
            )
    picture = _prepare_image(image)
    old_names = [item.image.name, item.thumbnail.name]
    was_planned = item.post.created_at > timezone.now()
    written: list[str | None] = []
    try:
        with transaction.atomic():
            post = post_services.post_update(
                post=item.post,
                editor=editor,
                body=body,
                attachments=attachments,
                remove_attachment_ids=remove_attachment_ids,
                title=title,
                reach=reach,
            )
            item = NewsItem.objects.select_for_update().get(pk=item.pk)
            item.post = post
            item.lead, item.featured, item.must_read = lead, featured, must_read
            if picture is not None:
                _save_picture(item, picture, written)
            elif remove_image:
                item.image, item.thumbnail, item.image_alt = "", "", ""  # type: ignore[assignment]
            elif keeps_image and image_alt:
                item.image_alt = image_alt
            item.save()
            search.index("post", post)  # again, with the lead as it is now
            _announce_when_published(item)
            _emit_published(post, editor, was_planned=was_planned)
            if picture is not None or remove_image:
                transaction.on_commit(lambda: _discard(item, old_names))
    except BaseException:
        _discard(item, written)
        raise
    return item


@transaction.atomic
def news_announce_must_read(*, post_id: int) -> int:
    """Tell the people a must-read item is aimed at, once, when it is published (re-checked:
    the item may have been moved, taken down, deleted or made optional since it was planned)."""
    item = (
        NewsItem.objects.select_for_update()
        .select_related("post")
        .filter(pk=post_id, must_read=True, must_read_notified_at__isnull=True)
        .first()
    )
    if item is None:
        return 0
    post = item.post
    now = timezone.now()
    if post.is_deleted or post.created_at > now:
        return 0
    if post.hidden_after is not None and post.hidden_after <= now:
        return 0
    item.must_read_notified_at = now
    item.save(update_fields=["must_read_notified_at"])
    ids = _not_confirmed_ids(item)
    transaction.on_commit(
        lambda: notify.notify_later(notify.post_notify, post_id, ids, Notification.Kind.MUST_READ)
    )
    return len(ids)


def _not_confirmed_ids(item: NewsItem) -> list[int]:
    return list(
        permissions.targeted_people(item.post)
        .exclude(pk=item.post.author_id)
        .exclude(read_confirmations__news=item)
        .values_list("pk", flat=True)
    )


def news_confirm_read(*, item: NewsItem, person: Person) -> ReadConfirmation:
    """The person confirms having read a must-read item (a second time changes nothing)."""
    _require(permissions.can_confirm_read(person, item.post, item))
    found = ReadConfirmation.objects.filter(news=item, person=person).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            confirmation = ReadConfirmation.objects.create(news=item, person=person)
            usage.record(person, usage.Kind.READ, subject="news", object_id=item.pk)
            return confirmation
    except IntegrityError:  # confirmed at the same moment in another tab
        return ReadConfirmation.objects.get(news=item, person=person)


def news_send_reminder(*, item: NewsItem, editor: Person) -> int:
    """Remind, once, everyone the must-read item is aimed at who has not confirmed yet."""
    _require(permissions.can_see_report(editor, item.post))
    if not item.must_read:
        raise ValidationError(_("Only a must-read item can send a reminder."))
    now = timezone.now()
    if item.post.created_at > now:
        raise ValidationError(_("This item is not published yet."))
    with transaction.atomic():
        item = NewsItem.objects.select_for_update().select_related("post").get(pk=item.pk)
        if item.reminder_sent_at is not None:
            raise ValidationError(_("A reminder has already been sent for this item."))
        item.reminder_sent_at = now
        item.save(update_fields=["reminder_sent_at"])
        ids = _not_confirmed_ids(item)
        post_id = item.post_id
        transaction.on_commit(
            lambda: notify.notify_later(
                notify.post_notify, post_id, ids, Notification.Kind.MUST_READ
            )
        )
    return len(ids)
