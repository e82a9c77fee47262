import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from plein.notifications import selectors, services
from plein.notifications.models import Notification, NotificationSettings, SpaceMute
from plein.people.tests.factories import PersonFactory
from plein.posts import services as post_services
from plein.posts.models import PostFollow
from plein.posts.tests.factories import CommentFactory, PostFactory
from plein.spaces import services as space_services
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

Kind = Notification.Kind
pytestmark = pytest.mark.django_db


def member(space: Space, **kwargs: object):  # type: ignore[no-untyped-def]
    return MembershipFactory(space=space, **kwargs).person


def kinds(person) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def handle(person) -> str:  # type: ignore[no-untyped-def]
    return person.email.split("@")[0]


def test_mention_in_post_notifies_and_emails(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    space = SpaceFactory(name="Team Communicatie")
    author = member(space, person=PersonFactory(first_name="Anna", last_name="Vries"))
    anna_reader = PersonFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_create(
            author=author, space=space, body=f"Hoi @{handle(anna_reader)}, kijk eens naar dit plan"
        )
    notification = Notification.objects.get(recipient=anna_reader)
    assert notification.kind == Kind.MENTION
    assert notification.space == space
    assert notification.emailed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [anna_reader.email]
    assert message.subject == "Anna Vries mentioned you in Team Communicatie"
    assert "kijk eens naar dit plan" in message.body
    assert "/notifications/settings/" in message.body
    assert f"/notifications/{notification.pk}/open/" in message.body
    html = message.alternatives[0][0]
    assert "kijk eens naar dit plan" in html and 'href="http' in html


def test_email_is_written_in_the_recipients_language(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    author = PersonFactory(first_name="Anna", last_name="Vries")
    reader = PersonFactory(language="nl")
    post = PostFactory(author=reader)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(post=post, author=author, body="Goed idee")
    assert kinds(reader) == [Kind.COMMENT]
    body = mail.outbox[0].body
    assert body.startswith(f"Hallo {reader.first_name},")  # Dutch, though the test runs in English
    assert "Goed idee" in body
    english = PersonFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(
            post=PostFactory(author=english), author=author, body="Good idea"
        )
    assert mail.outbox[1].body.startswith(f"Hello {english.first_name},")


def test_email_switches_are_respected(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    author = PersonFactory()
    reader = PersonFactory()
    NotificationSettings.objects.create(person=reader, email_mentions=False, email_replies=False)
    post = PostFactory(author=reader)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(
            post=post, author=author, body=f"@{handle(reader)} zie je dit?"
        )
    assert kinds(reader) == [Kind.MENTION]
    assert mail.outbox == []


def test_reply_comment_and_follower(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    owner, first, replier, follower = PersonFactory.create_batch(4)
    post = PostFactory(author=owner)
    top = CommentFactory(post=post, author=first)
    PostFollow.objects.create(person=follower, post=post)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(post=post, author=replier, body="Eens", parent=top)
    assert kinds(first) == [Kind.REPLY]
    assert kinds(owner) == [Kind.COMMENT]
    assert kinds(follower) == [Kind.FOLLOWED_POST]
    assert kinds(replier) == []
    # Reply and comment are e-mailed at once; following is for the digest.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, owner.email])


def test_muted_post_and_muted_space_silence_activity_but_not_mentions(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    space = SpaceFactory()
    owner, muter, commenter = (member(space) for _ in range(3))
    post = PostFactory(author=owner, space=space)
    PostFollow.objects.create(person=muter, post=post)
    services.space_mute_set(person=owner, space=space, muted=True)
    services.space_mute_set(person=muter, space=space, muted=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(post=post, author=commenter, body="Nieuws")
    assert kinds(owner) == [] and kinds(muter) == []
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(post=post, author=commenter, body=f"@{handle(muter)} jij?")
    assert kinds(muter) == [Kind.MENTION]
    services.space_mute_set(person=owner, space=space, muted=False)
    PostFollow.objects.update_or_create(
        person=owner, post=post, defaults={"state": PostFollow.State.MUTED}
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(post=post, author=commenter, body="Nog meer")
    assert kinds(owner) == []


def test_deactivated_people_get_nothing(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    author = PersonFactory()
    gone = PersonFactory()
    post = PostFactory(author=gone)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(post=post, author=author, body="Hallo")
    assert kinds(gone) == [Kind.COMMENT]
    mail.outbox.clear()
    Notification.objects.all().delete()
    gone.is_active = False
    gone.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_services.comment_create(post=post, author=author, body="Nog iemand?")
    assert kinds(gone) == []
    assert mail.outbox == []


def test_no_email_to_someone_deactivated_after_the_notification(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    reader = PersonFactory()
    post = PostFactory(author=reader)
    n = Notification.objects.create(
        recipient=reader, actor=PersonFactory(), kind=Kind.COMMENT, post=post
    )
    reader.is_active = False
    reader.save()
    assert services.notifications_email([n.pk]) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("kind", [Space.Kind.CLOSED, Space.Kind.SECRET])
def test_no_notification_for_people_outside_a_closed_or_secret_space(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks, kind
):
    space = SpaceFactory(kind=kind)
    author = member(space)
    outsider = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_create(author=author, space=space, body=f"Geheim @{handle(outsider)}")
    assert kinds(outsider) == []
    assert mail.outbox == []
    assert selectors.unread_count(outsider) == 0


def test_losing_access_hides_notifications_from_list_and_count(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    author = member(space)
    reader = member(space)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_create(author=author, space=space, body=f"Voor @{handle(reader)}")
    assert selectors.unread_count(reader) == 1
    Membership.objects.filter(space=space, person=reader).update(state=Membership.State.LEFT)
    assert selectors.unread_count(reader) == 0
    assert list(selectors.visible_notifications(reader)) == []


def test_deleted_post_or_comment_hides_the_notification():  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    post = PostFactory(author=reader)
    comment = CommentFactory(post=post)
    Notification.objects.create(recipient=reader, kind=Kind.COMMENT, post=post, comment=comment)
    assert selectors.unread_count(reader) == 1
    comment.deleted_at = post.created_at
    comment.save()
    assert selectors.unread_count(reader) == 0


def test_reaction_notifies_the_author(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    author, fan = PersonFactory.create_batch(2)
    post = PostFactory(author=author)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.reaction_set(person=fan, post=post, kind="like")
    assert kinds(author) == [Kind.REACTION]
    assert mail.outbox == []  # reactions wait for the digest


def test_space_invitation_to_a_secret_space_notifies_and_emails(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    space = SpaceFactory(kind=Space.Kind.SECRET, name="Fusie")
    owner = member(space, role=Membership.Role.OWNER)
    invitee = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        space_services.space_invite(space=space, person=invitee, actor=owner)
    notification = Notification.objects.get(recipient=invitee)
    assert notification.kind == Kind.SPACE_INVITATION and notification.space == space
    assert selectors.unread_count(invitee) == 1
    assert len(mail.outbox) == 1 and "Fusie" in mail.outbox[0].subject
    # Declining makes the secret space invisible again, and its notification with it.
    space_services.space_decline_invitation(space=space, person=invitee)
    assert selectors.unread_count(invitee) == 0


def test_join_request_notifies_moderators_and_acceptance_the_requester(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    owner = member(space, role=Membership.Role.OWNER)
    moderator = member(space, role=Membership.Role.MODERATOR)
    plain = member(space)
    inactive_moderator = member(space, role=Membership.Role.MODERATOR)
    inactive_moderator.is_active = False
    inactive_moderator.save()
    asker = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        space_services.space_request_membership(space=space, person=asker)
    assert kinds(owner) == [Kind.SPACE_REQUEST]
    assert kinds(moderator) == [Kind.SPACE_REQUEST]
    assert kinds(plain) == [] and kinds(inactive_moderator) == []
    with django_capture_on_commit_callbacks(execute=True):
        space_services.space_accept_request(space=space, person=asker, actor=moderator)
    assert kinds(asker) == [Kind.SPACE_ACCEPTED]


def test_space_mute_needs_access_to_the_content():  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    outsider = PersonFactory()
    with pytest.raises(PermissionDenied):
        services.space_mute_set(person=outsider, space=space, muted=True)
    assert not SpaceMute.objects.exists()


def test_mark_read_only_your_own():  # type: ignore[no-untyped-def]
    reader, other = PersonFactory.create_batch(2)
    n = Notification.objects.create(recipient=reader, kind=Kind.COMMENT, post=PostFactory())
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(person=other, notification=n)
    services.notification_mark_read(person=reader, notification=n)
    n.refresh_from_db()
    assert n.read_at is not None


def test_no_email_about_content_lost_before_sending():  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    reader = member(space)
    post = PostFactory(space=space, author=member(space), body="Vertrouwelijk plan")
    n = Notification.objects.create(recipient=reader, kind=Kind.MENTION, post=post, space=space)
    Membership.objects.filter(space=space, person=reader).update(state=Membership.State.REMOVED)
    assert services.notifications_email([n.pk]) == 0
    assert mail.outbox == []
