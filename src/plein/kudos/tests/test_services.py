from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from plein.notifications.models import Notification
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory
from plein.spaces.tests.factories import SpaceFactory

from .. import services
from ..models import Badge, KudosDetails, Spotlight
from .factories import BadgeFactory, SpotlightFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def badge():  # type: ignore[no-untyped-def]
    return BadgeFactory(name="Teamwork", emoji="🤝")


def test_starter_badges_come_with_the_migration():  # type: ignore[no-untyped-def]
    names = list(Badge.objects.filter(is_active=True).values_list("name", flat=True))
    assert names[:5] == ["Teamspeler", "Klantheld", "Aanpakker", "Vernieuwer", "Collegiaal"]


def test_give_kudos_posts_on_the_givers_profile_and_notifies_the_recipient(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks, badge
):
    giver, recipient = PersonFactory(), PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        post = services.kudos_give(
            giver=giver, recipient=recipient, badge=badge, message="  Thanks for the help!  "
        )
    post.refresh_from_db()
    assert (post.kind, post.author, post.space, post.body) == (
        Post.Kind.KUDOS,
        giver,
        None,
        "Thanks for the help!",
    )
    details = KudosDetails.objects.get(post=post)
    assert (details.recipient, details.badge) == (recipient, badge)
    note = Notification.objects.get(recipient=recipient)
    assert (note.kind, note.actor, note.post) == (Notification.Kind.KUDOS, giver, post)
    assert not Notification.objects.filter(recipient=giver).exists()


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("self", "recipient"),
        ("inactive_recipient", "recipient"),
        ("inactive_badge", "badge"),
        ("empty", "message"),
        ("long", "message"),
    ],
)
def test_give_kudos_refuses_bad_input_and_writes_nothing(case, field, badge):  # type: ignore[no-untyped-def]
    giver, recipient = PersonFactory(), PersonFactory()
    message = "Thanks"
    if case == "self":
        recipient = giver
    elif case == "inactive_recipient":
        recipient.is_active = False
        recipient.save()
    elif case == "inactive_badge":
        badge.is_active = False
        badge.save()
    elif case == "empty":
        message = "   "
    elif case == "long":
        message = "x" * 281
    with pytest.raises(ValidationError) as error:
        services.kudos_give(giver=giver, recipient=recipient, badge=badge, message=message)
    assert field in error.value.message_dict
    assert not Post.objects.exists()


def test_an_inactive_giver_cannot_give_kudos(badge):  # type: ignore[no-untyped-def]
    giver = PersonFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.kudos_give(giver=giver, recipient=PersonFactory(), badge=badge, message="Hi")


def test_a_message_of_280_characters_is_fine(badge):  # type: ignore[no-untyped-def]
    post = services.kudos_give(
        giver=PersonFactory(), recipient=PersonFactory(), badge=badge, message="x" * 280
    )
    assert len(post.body) == 280


def test_badges_are_managed_by_community_managers_only(community_manager, person):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.badge_create(actor=person, name="Helper", emoji="🙋")
    badge = services.badge_create(actor=community_manager, name=" Helper  hand ", emoji="🙋")
    assert badge.name == "Helper hand"
    assert (
        badge.position == Badge.objects.exclude(pk=badge.pk).order_by("-position")[0].position + 1
    )
    with pytest.raises(PermissionDenied):
        services.badge_update(actor=person, badge=badge, name="X", emoji="x")
    with pytest.raises(PermissionDenied):
        services.badge_set_active(actor=person, badge=badge, is_active=False)
    with pytest.raises(PermissionDenied):
        services.badge_move(actor=person, badge=badge, direction="up")


def test_badge_names_are_unique_and_need_an_emoji(community_manager):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.badge_create(actor=community_manager, name="teamspeler", emoji="")
    assert set(error.value.message_dict) == {"name", "emoji"}
    own = Badge.objects.get(name="Teamspeler")
    services.badge_update(actor=community_manager, badge=own, name="TEAMSPELER", emoji="🤝")
    assert Badge.objects.get(pk=own.pk).name == "TEAMSPELER"


def test_a_deactivated_badge_stays_on_given_kudos(community_manager, badge):  # type: ignore[no-untyped-def]
    post = services.kudos_give(
        giver=PersonFactory(), recipient=PersonFactory(), badge=badge, message="Thanks"
    )
    services.badge_set_active(actor=community_manager, badge=badge, is_active=False)
    assert KudosDetails.objects.get(post=post).badge == badge
    with pytest.raises(ValidationError):
        services.kudos_give(
            giver=PersonFactory(), recipient=PersonFactory(), badge=badge, message="Again"
        )


def test_badges_move_up_and_down(community_manager):  # type: ignore[no-untyped-def]
    def order() -> list[str]:
        return list(Badge.objects.values_list("name", flat=True))

    first, second = order()[:2]
    services.badge_move(
        actor=community_manager, badge=Badge.objects.get(name=second), direction="up"
    )
    assert order()[:2] == [second, first]
    services.badge_move(
        actor=community_manager, badge=Badge.objects.get(name=second), direction="up"
    )
    assert order()[:2] == [second, first]  # already at the top
    last = order()[-1]
    services.badge_move(
        actor=community_manager, badge=Badge.objects.get(name=last), direction="down"
    )
    assert order()[-1] == last
    services.badge_move(
        actor=community_manager, badge=Badge.objects.get(name=second), direction="down"
    )
    assert order()[:2] == [first, second]
    positions = list(Badge.objects.values_list("position", flat=True))
    assert positions == list(range(len(positions)))


# The spotlight


def _week() -> dict[str, object]:
    today = timezone.localdate()
    return {"starts_on": today, "ends_on": today + timedelta(days=6)}


def test_only_community_managers_use_the_spotlight(person):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.spotlight_create(actor=person, person=PersonFactory(), **_week())  # type: ignore[arg-type]
    item = SpotlightFactory()
    with pytest.raises(PermissionDenied):
        services.spotlight_end(actor=person, spotlight=item)


def test_spotlight_a_person_or_a_post_not_both(community_manager):  # type: ignore[no-untyped-def]
    for kwargs in ({}, {"person": PersonFactory(), "post": PostFactory()}):
        with pytest.raises(ValidationError):
            services.spotlight_create(actor=community_manager, **kwargs, **_week())  # type: ignore[arg-type]
    item = services.spotlight_create(
        actor=community_manager,
        person=PersonFactory(),
        message=" Well  done ",
        **_week(),  # type: ignore[arg-type]
    )
    assert (item.message, item.created_by) == ("Well done", community_manager)


def test_the_database_also_refuses_both_or_neither():  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError):
        SpotlightFactory(person=None, post=None)


@pytest.mark.parametrize(
    "case", ["closed_space", "secret_space", "targeted", "planned", "taken_down", "deleted"]
)
def test_only_posts_everyone_sees_go_in_the_spotlight(case, community_manager):  # type: ignore[no-untyped-def]
    now = timezone.now()
    post = PostFactory()
    if case.endswith("_space"):
        post = PostFactory(space=SpaceFactory(kind=case.removesuffix("_space")))
    elif case == "targeted":
        post = PostFactory(is_targeted=True)
    elif case == "planned":
        post = PostFactory(created_at=now + timedelta(days=1))
    elif case == "taken_down":
        post = PostFactory(created_at=now - timedelta(days=2), hidden_after=now - timedelta(days=1))
    elif case == "deleted":
        post = PostFactory(deleted_at=now)
    with pytest.raises(ValidationError) as error:
        services.spotlight_create(actor=community_manager, post=post, **_week())  # type: ignore[arg-type]
    assert "post" in error.value.message_dict
    assert not Spotlight.objects.exists()


def test_profile_posts_and_open_space_posts_go_in_the_spotlight(community_manager):  # type: ignore[no-untyped-def]
    for post in (PostFactory(), PostFactory(space=SpaceFactory(kind="open"))):
        services.spotlight_create(actor=community_manager, post=post, **_week())  # type: ignore[arg-type]
    assert Spotlight.objects.count() == 2


def test_spotlight_period_and_person_rules(community_manager):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.spotlight_create(
            actor=community_manager,
            person=PersonFactory(),
            starts_on=today,
            ends_on=today - timedelta(days=1),
        )
    assert "ends_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.spotlight_create(
            actor=community_manager,
            person=PersonFactory(is_active=False),
            **_week(),  # type: ignore[arg-type]
        )
    assert "person" in error.value.message_dict
    item = SpotlightFactory()
    with pytest.raises(ValidationError):
        services.spotlight_update(
            actor=community_manager,
            spotlight=item,
            starts_on=today,
            ends_on=today - timedelta(days=3),
        )


def test_ending_a_spotlight(community_manager):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    running = SpotlightFactory(
        starts_on=today - timedelta(days=3), ends_on=today + timedelta(days=3)
    )
    starts_today = SpotlightFactory(starts_on=today, ends_on=today + timedelta(days=3))
    planned = SpotlightFactory(
        starts_on=today + timedelta(days=2), ends_on=today + timedelta(days=3)
    )
    for item in (running, starts_today, planned):
        services.spotlight_end(actor=community_manager, spotlight=item)
    running.refresh_from_db()
    assert running.ends_on == today - timedelta(days=1)
    assert not Spotlight.objects.filter(pk__in=[starts_today.pk, planned.pk]).exists()
