"""When and for whom a post appears: planned ahead, taken down, aimed at departments/locations."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plein.people.models import Person
from plein.people.tests.factories import DepartmentFactory, LocationFactory, PersonFactory
from plein.posts import permissions, selectors, services
from plein.posts.models import Post
from plein.posts.services import Reach

pytestmark = pytest.mark.django_db


def _sees(person: Person, post: Post) -> bool:
    """Ask the rule and the list with fresh user objects (as each request has) and check they
    agree."""
    viewer = Person.objects.get(pk=person.pk)
    by_rule = permissions.can_view_post(viewer, Post.objects.get(pk=post.pk))
    in_list = permissions.visible_posts(Person.objects.get(pk=person.pk)).filter(pk=post.pk)
    assert by_rule == in_list.exists()
    return by_rule


def test_news_planned_ahead_appears_at_its_moment() -> None:
    editor = PersonFactory(roles=["editor"])
    reader = PersonFactory()
    later = timezone.now() + timedelta(hours=2)
    post = services.post_create(
        author=editor,
        kind=Post.Kind.NEWS,
        title="Nieuwe cao",
        body="De nieuwe cao is er.",
        reach=Reach(publish_at=later),
    )
    assert not _sees(reader, post)
    assert _sees(editor, post)
    assert _sees(PersonFactory(roles=["community_manager"]), post)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    assert _sees(reader, post)


def test_taken_down_posts_disappear_for_readers() -> None:
    editor = PersonFactory(roles=["editor"])
    reader = PersonFactory()
    post = services.post_create(
        author=editor,
        is_announcement=True,
        body="Alleen vandaag",
        reach=Reach(hidden_after=timezone.now() + timedelta(hours=1)),
    )
    assert _sees(reader, post)
    Post.objects.filter(pk=post.pk).update(hidden_after=timezone.now() - timedelta(seconds=1))
    assert not _sees(reader, post)
    assert _sees(editor, post)


def test_an_audience_reaches_departments_below_and_locations() -> None:
    editor = PersonFactory(roles=["editor"])
    sociaal = DepartmentFactory(name="Sociaal Domein")
    wmo = DepartmentFactory(name="Wmo", parent=sociaal)
    werf = LocationFactory(name="Werf")
    in_team = PersonFactory(department=wmo)
    at_werf = PersonFactory(location=werf)
    elsewhere = PersonFactory(department=DepartmentFactory(name="Burgerzaken"))
    post = services.post_create(
        author=editor,
        is_announcement=True,
        body="Voor het sociaal domein en de werf",
        reach=Reach(departments=[sociaal], locations=[werf]),
    )
    assert post.is_targeted
    assert _sees(in_team, post)
    assert _sees(at_werf, post)
    assert not _sees(elsewhere, post)
    assert not _sees(PersonFactory(), post)
    stream = selectors.home_feed(Person.objects.get(pk=in_team.pk))
    assert [p.pk for p in stream.posts] == [post.pk]
    assert not selectors.home_feed(Person.objects.get(pk=elsewhere.pk)).posts


def test_only_editors_plan_or_aim_posts_and_news_needs_a_title() -> None:
    employee = PersonFactory()
    with pytest.raises(PermissionDenied):
        services.post_create(author=employee, body="Later", reach=Reach(publish_at=timezone.now()))
    with pytest.raises(PermissionDenied):
        services.post_create(author=employee, kind=Post.Kind.NEWS, title="X", body="Nieuws")
    editor = PersonFactory(roles=["editor"])
    with pytest.raises(ValidationError) as error:
        services.post_create(author=editor, kind=Post.Kind.NEWS, title="  ", body="Nieuws")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError):
        now = timezone.now()
        services.post_create(
            author=editor,
            is_announcement=True,
            body="Verkeerd om",
            reach=Reach(publish_at=now + timedelta(days=2), hidden_after=now + timedelta(days=1)),
        )


def test_editors_edit_each_others_news() -> None:
    first, second = PersonFactory(roles=["editor"]), PersonFactory(roles=["editor"])
    post = services.post_create(author=first, kind=Post.Kind.NEWS, title="A", body="Tekst")
    services.post_update(post=post, editor=second, body="Betere tekst", title="B")
    post.refresh_from_db()
    assert (post.title, post.body) == ("B", "Betere tekst")
    with pytest.raises(PermissionDenied):
        services.post_update(post=post, editor=PersonFactory(), body="Gekaapt")


def test_targeted_posts_cost_no_query_per_post_in_a_stream(django_assert_max_num_queries) -> None:
    editor = PersonFactory(roles=["editor"])
    department = DepartmentFactory()
    reader = PersonFactory(department=department)
    for n in range(6):
        services.post_create(
            author=editor,
            is_announcement=True,
            body=f"Bericht {n}",
            reach=Reach(departments=[department]),
        )
    viewer = Person.objects.get(pk=reader.pk)
    # the page, audiences (two), latest comments, department chain, permissions (two)
    with django_assert_max_num_queries(8):
        page = selectors.home_feed(viewer)
    assert len(page.posts) == 6
