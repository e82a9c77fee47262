"""Every change to blogs goes through here. Entries are written through plein.posts.services,
so they get the post rules, Markdown, mentions, files and revisions; this adds the series and
tells the author's followers."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plein.core.permissions import require as _require
from plein.core.registries import search
from plein.notifications.models import Notification
from plein.people.models import Person
from plein.posts import permissions as post_rules
from plein.posts import services as post_services
from plein.posts import tasks as notify
from plein.posts.models import PersonFollow, Post
from plein.posts.services import ImageUpload

from . import permissions
from .models import BlogEntry, Series

SLUG_MAX = Series._meta.get_field("slug").max_length or 140


# -- series -----------------------------------------------------------------------------------


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give the series a title.")})
    return title


def _free_slug(owner: Person, title: str, *, exclude: int | None = None) -> str:
    """A web address for the series from its title, unique among the owner's series."""
    base = (slugify(title) or "serie")[: SLUG_MAX - 4].strip("-") or "serie"
    others = Series.objects.filter(owner=owner, slug__startswith=base)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def series_create(*, owner: Person, title: str, description: str = "") -> Series:
    _require(permissions.can_write_blog(owner))
    title = _clean_title(title)
    return Series.objects.create(
        owner=owner,
        title=title,
        slug=_free_slug(owner, title),
        description=description.strip(),
    )


@transaction.atomic
def series_update(*, series: Series, by: Person, title: str, description: str = "") -> Series:
    """Change the title and description; the web address follows a new title."""
    _require(permissions.can_edit_series(by, series))
    title = _clean_title(title)
    if title != series.title:
        series.slug = _free_slug(series.owner, title, exclude=series.pk)
    renamed = title != series.title
    series.title = title
    series.description = description.strip()
    series.save(update_fields=["title", "slug", "description"])
    if renamed:  # its entries are found by its title
        search.index_many("post", list(Post.objects.filter(blog_details__series=series)))
    return series


@transaction.atomic
def series_delete(*, series: Series, by: Person) -> None:
    """Delete the series; its entries stay on the owner's blog, outside any series."""
    _require(permissions.can_edit_series(by, series))
    entries = list(Post.objects.filter(blog_details__series=series))
    BlogEntry.objects.filter(series=series).update(series=None)
    series.delete()
    search.index_many("post", entries)  # no longer found by its title


# -- entries ----------------------------------------------------------------------------------


def _check_series(author: Person, series: Series | None) -> None:
    if series is not None and not permissions.can_edit_series(author, series):
        raise ValidationError({"series": _("You can only add entries to your own series.")})


def blog_entry_create(
    *,
    author: Person,
    title: str,
    body: str,
    series: Series | None = None,
    images: Sequence[ImageUpload] = (),
    attachments: Sequence[UploadedFile] = (),
) -> Post:
    """Publish an entry on the author's blog (optionally in one of their series) and tell the
    people who follow the author; it shows in their stream as a post of the author."""
    _require(permissions.can_write_blog(author))
    _check_series(author, series)
    with transaction.atomic():
        post = post_services.post_create(
            author=author,
            body=body,
            kind=Post.Kind.BLOG,
            title=title,
            space=None,
            images=images,
            attachments=attachments,
        )
        BlogEntry.objects.create(post=post, series=series)
        search.index("post", post)  # again, with its series
        post_id = post.pk
        followers = list(
            PersonFollow.objects.filter(followed=author).values_list("follower_id", flat=True)
        )
        if followers:
            transaction.on_commit(
                lambda: notify.notify_later(
                    notify.post_notify, post_id, followers, Notification.Kind.BLOG_ENTRY
                )
            )
    return post


def blog_entry_update(
    *,
    post: Post,
    editor: Person,
    title: str,
    body: str,
    series: Series | None = None,
    images: Sequence[ImageUpload] = (),
    attachments: Sequence[UploadedFile] = (),
    remove_image_ids: Sequence[int] = (),
    remove_attachment_ids: Sequence[int] = (),
) -> Post:
    """Change an entry's title, text, files and series (the author's own series only)."""
    if post.kind != Post.Kind.BLOG:
        raise ValueError(post.kind)
    _require(post_rules.can_edit_post(editor, post))
    _check_series(post.author, series)
    with transaction.atomic():
        post = post_services.post_update(
            post=post,
            editor=editor,
            body=body,
            title=title,
            images=images,
            attachments=attachments,
            remove_image_ids=remove_image_ids,
            remove_attachment_ids=remove_attachment_ids,
        )
        BlogEntry.objects.update_or_create(post=post, defaults={"series": series})
        search.index("post", post)  # again, with its series as it is now
    return post


def blog_entry_delete(*, post: Post, by: Person) -> Post:
    """Remove an entry as a post is removed (moderators may restore it)."""
    if post.kind != Post.Kind.BLOG:
        raise ValueError(post.kind)
    return post_services.post_delete(post=post, by=by)
