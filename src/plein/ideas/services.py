"""Every change to ideas goes through here; the post itself is written by posts.services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.mail import in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.permissions import require as _require
from plein.core.registries import search, usage
from plein.people.models import Person
from plein.posts.models import Post, PostFollow
from plein.posts.services import post_create

from . import permissions
from .models import STATUS_NOTE_MAX_LENGTH, IdeaDetails, IdeaVote


def idea_create(*, author: Person, title: str, body: str, topic: str) -> Post:
    """Post an idea for everyone to see; the author follows it (post_create does that)."""
    _require(permissions.can_create_idea(author))
    if topic not in IdeaDetails.Topic.values:
        raise ValidationError({"topic": _("Choose what the idea is about.")})
    if not " ".join(title.split()):
        raise ValidationError({"title": _("Give your idea a title.")})
    with transaction.atomic():
        post = post_create(author=author, kind=Post.Kind.IDEA, title=title, body=body)
        IdeaDetails.objects.create(post=post, topic=topic)
    return post


def idea_vote(*, person: Person, post: Post, support: bool) -> int:
    """Support an idea (and follow it), or take the support back; returns the vote count."""
    _require(permissions.can_vote(person, post))
    with transaction.atomic():
        details = IdeaDetails.objects.select_for_update().get(post=post)
        if support:
            try:
                with transaction.atomic():
                    IdeaVote.objects.create(post=post, person=person)
            except IntegrityError:
                return details.vote_count
            IdeaDetails.objects.filter(pk=details.pk).update(vote_count=F("vote_count") + 1)
            usage.record(person, usage.Kind.VOTE, subject="ideas", object_id=post.pk)
            # Voters hear about status changes, unless they muted the idea.
            PostFollow.objects.get_or_create(person=person, post=post)
        else:
            removed, _rows = IdeaVote.objects.filter(post=post, person=person).delete()
            if removed:
                IdeaDetails.objects.filter(pk=details.pk).update(vote_count=F("vote_count") - 1)
        details.refresh_from_db(fields=["vote_count"])
        return details.vote_count


def idea_set_status(*, actor: Person, post: Post, status: str, note: str = "") -> IdeaDetails:
    """A community manager decides; the idea's followers who may see it get an e-mail."""
    _require(permissions.can_set_status(actor, post))
    if status not in IdeaDetails.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    note = note.strip()
    if len(note) > STATUS_NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep it under %(max)s characters.") % {"max": STATUS_NOTE_MAX_LENGTH}}
        )
    if status != IdeaDetails.Status.NEW and not note:
        raise ValidationError({"note": _("Explain the decision in a few words.")})
    with transaction.atomic():
        details = IdeaDetails.objects.select_for_update().get(post=post)
        details.status, details.status_note = status, note
        details.status_changed_at, details.status_changed_by = timezone.now(), actor
        details.save()
        search.index("post", post)  # found by its status and the explanation
        post_id, actor_id = post.pk, actor.pk
        transaction.on_commit(lambda: idea_status_announce(post_id, actor_id))
    return details


def idea_status_announce(post_id: int, actor_id: int) -> int:
    """E-mail every follower who may still see the idea (not the one who changed it), each in
    their own language; returns how many e-mails were queued."""
    post = Post.objects.select_related("idea_details", "author").filter(pk=post_id).first()
    if post is None:
        return 0
    details = post.idea_details  # type: ignore[attr-defined]
    followers = Person.objects.filter(
        post_follows__post=post,
        post_follows__state=PostFollow.State.FOLLOWING,
        is_active=True,
    ).exclude(pk=actor_id)
    link = absolute_url(reverse("ideas:detail", args=[post.pk]))
    sent = 0
    for person in followers:
        if not permissions.can_view_idea(person, post):
            continue
        with in_language_of(person):
            email = render_email(
                subject=_("Idea “%(title)s”: %(status)s")
                % {"title": post.title, "status": details.get_status_display()},
                text="ideas/status_email.txt",
                context={"person": person, "post": post, "details": details, "link": link},
            )
        email.enqueue(to=[person.email])
        sent += 1
    return sent
