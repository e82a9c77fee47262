"""What a notification says and where it leads, for the list, e-mails and digests."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import Notification

Kind = Notification.Kind
TITLE_CHARS = 80


def _sentences() -> dict[str, tuple[str, str]]:
    """Built per call so that the current language is used."""
    return {
        Kind.MENTION: (
            _("%(actor)s mentioned you in %(space)s"),
            _("%(actor)s mentioned you in a post"),
        ),
        Kind.COMMENT: (
            _("%(actor)s commented on your post in %(space)s"),
            _("%(actor)s commented on your post"),
        ),
        Kind.REPLY: (
            _("%(actor)s replied to your comment in %(space)s"),
            _("%(actor)s replied to your comment"),
        ),
        Kind.BLOG_ENTRY: (
            _("%(actor)s wrote a new blog entry"),
            _("%(actor)s wrote a new blog entry"),
        ),
        Kind.KUDOS: (
            _("%(actor)s gave you kudos"),
            _("%(actor)s gave you kudos"),
        ),
        Kind.MUST_READ: (
            _("Please read “%(title)s”, news from %(actor)s"),
            _("Please read “%(title)s”, news from %(actor)s"),
        ),
        Kind.FOLLOWED_POST: (
            _("%(actor)s commented on a post you follow in %(space)s"),
            _("%(actor)s commented on a post you follow"),
        ),
        Kind.REACTION: (
            _("%(actor)s reacted to your message in %(space)s"),
            _("%(actor)s reacted to your message"),
        ),
        Kind.SPACE_INVITATION: (
            _("%(actor)s invited you to %(space)s"),
            _("%(actor)s invited you to a space"),
        ),
        Kind.SPACE_REQUEST: (
            _("%(actor)s asked to join %(space)s"),
            _("%(actor)s asked to join a space"),
        ),
        Kind.SPACE_ACCEPTED: (
            _("%(actor)s let you in to %(space)s"),
            _("%(actor)s let you in to a space"),
        ),
    }


def sentence(notification: Notification) -> str:
    """For example "Anna de Vries mentioned you in Team Communicatie" (plain text)."""
    in_space, elsewhere = _sentences()[notification.kind]
    actor = notification.actor.full_name if notification.actor else _("Someone")
    post = notification.post
    title = Truncator(post.title).chars(TITLE_CHARS) if post is not None else ""
    space = notification.space
    if space is None and post is not None:
        space = post.space
    if space is None:
        return elsewhere % {"actor": actor, "title": title}
    return in_space % {"actor": actor, "space": space.name, "title": title}


def target_url(notification: Notification) -> str:
    """The page the notification is about (a path)."""
    if notification.post_id is not None:
        url = reverse("posts:detail", args=[notification.post_id])
        if notification.comment_id is not None:
            url += f"#comment-{notification.comment_id}"
        return url
    assert notification.space is not None
    if notification.kind == Kind.SPACE_REQUEST:
        return reverse("spaces:members", args=[notification.space.slug])
    return notification.space.get_absolute_url()
