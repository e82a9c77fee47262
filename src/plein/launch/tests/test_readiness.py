"""The readiness check: each check on real data, thresholds, the score, the pages and their cost."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plein.ambassadors.models import Ambassador
from plein.core.models import Branding
from plein.core.registries.readiness import CHECKS, Check, Result, Threshold
from plein.documents.tests.factories import DocumentFactory
from plein.events.models import Event
from plein.events.tests.factories import EventFactory
from plein.launch.models import LaunchPlan
from plein.launch.readiness import selectors as readiness
from plein.launch.readiness.services import readiness_thresholds_update
from plein.launch.selectors import launch_plan_forget
from plein.people.tests.factories import (
    DepartmentFactory,
    LocationFactory,
    PersonFactory,
    TagFactory,
)
from plein.posts.models import Post
from plein.posts.tests.factories import CommentFactory, PostFactory
from plein.spaces.models import Space
from plein.spaces.tests.factories import SpaceFactory
from plein.wiki.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now


def result(key: str) -> Result:
    check = next(c for c in CHECKS.all() if c.key == key)
    return check.evaluate(readiness.threshold_values())


def set_thresholds(**values: int) -> None:
    LaunchPlan.objects.update_or_create(pk=1, defaults={"thresholds": values})
    launch_plan_forget()


def help_space() -> Space:
    return Space.objects.get(slug="help")  # made by the launch migration, default for everyone


@pytest.fixture
def no_help_space() -> None:
    Space.objects.filter(slug="help").delete()


# -- the checks on real data -----------------------------------------------------------------


def test_every_app_registers_its_checks() -> None:
    keys = [check.key for check in CHECKS.all()]
    for key in (
        "branding",
        "default_spaces",
        "department_spaces",
        "news",
        "events",
        "documents",
        "wiki",
        "questions",
        "manager_profiles",
        "ambassadors",
        "manager_blogs",
    ):
        assert key in keys
    assert keys.index("branding") < keys.index("news") < keys.index("ambassadors")


def test_branding_is_done_when_name_logo_and_persona_are_set() -> None:
    first = result("branding")
    assert not first.done and first.progress == 0
    assert "logo" in first.summary
    Branding.objects.create(pk=1, intranet_name="Plein", persona_name="Vera")
    cache.clear()
    partly = result("branding")
    # Saving the branding confirms the name, even the default one; the persona has a name.
    assert not partly.done and partly.progress == pytest.approx(2 / 5)
    Branding.objects.filter(pk=1).update(
        logo="branding/logo.png", persona_avatar="branding/vera.png", persona_welcome="Hallo!"
    )
    cache.clear()
    assert result("branding").done


def test_default_spaces_need_a_recent_post_each() -> None:
    team = SpaceFactory(name="Team Noord")
    team.default_departments.add(DepartmentFactory())
    SpaceFactory(name="Hobbyclub")  # not a default space: never counted
    PostFactory(space=help_space())
    PostFactory(space=team, created_at=NOW() - timedelta(days=20))
    found = result("default_spaces")
    assert not found.done and found.progress == pytest.approx(1 / 2)
    assert "1 of 2" in found.summary
    assert [link.text for link in found.details] == ["No recent posts in Team Noord"]
    assert found.fix_url == reverse("spaces:detail", args=[team.slug])
    set_thresholds(spaces_recent_days=30)
    assert result("default_spaces").done


def test_default_spaces_missing_and_deleted_posts(no_help_space: None) -> None:
    assert not result("default_spaces").done
    assert "no default spaces" in result("default_spaces").summary
    space = SpaceFactory(is_default_for_everyone=True)
    PostFactory(space=space, deleted_at=NOW())
    assert not result("default_spaces").done


def test_every_department_with_people_needs_a_default_space() -> None:
    parent = DepartmentFactory(name="Bedrijfsvoering")
    child = DepartmentFactory(name="ICT", parent=parent)
    other = DepartmentFactory(name="Communicatie")
    DepartmentFactory(name="Leeg")  # nobody works here: not counted
    for department in (parent, child, other):
        PersonFactory(department=department)
    PersonFactory(department=DepartmentFactory(name="Oud"), is_active=False)
    space = SpaceFactory()
    space.default_departments.add(parent)  # reaches ICT below it too
    found = result("department_spaces")
    assert not found.done
    assert found.progress == pytest.approx(2 / 3)
    assert "2 of 3" in found.summary
    assert [link.text for link in found.details] == ["No space for Communicatie"]
    # The help space is a default for everyone, but it is not a department's own space.
    assert help_space().is_default_for_everyone
    set_thresholds(spaces_department_share=60)
    assert result("department_spaces").done


def test_news_counts_published_items_only() -> None:
    PostFactory.create_batch(2, kind=Post.Kind.NEWS)
    PostFactory(kind=Post.Kind.NEWS, created_at=NOW() + timedelta(days=1))  # planned
    PostFactory(kind=Post.Kind.NEWS, deleted_at=NOW())
    PostFactory(kind=Post.Kind.NEWS, hidden_after=NOW() - timedelta(minutes=1))
    PostFactory(kind=Post.Kind.POST)
    found = result("news")
    assert not found.done and found.progress == pytest.approx(2 / 3)
    assert "2" in found.summary
    PostFactory(kind=Post.Kind.NEWS)
    assert result("news").done
    set_thresholds(news_minimum=10)
    assert not result("news").done


def test_events_need_upcoming_ones_and_a_training() -> None:
    series = uuid.uuid4()
    for week in range(4):  # one recurring meeting: counts once
        start = NOW() + timedelta(days=7 * week + 1)
        EventFactory(series=series, starts_at=start, ends_at=start + timedelta(hours=1))
    EventFactory()
    EventFactory(cancelled_at=NOW())
    EventFactory(
        starts_at=NOW() - timedelta(days=3), ends_at=NOW() - timedelta(days=3) + timedelta(hours=1)
    )
    found = result("events")
    assert not found.done
    assert "Upcoming events: 2" in found.summary
    assert found.progress == pytest.approx((2 / 3 + 0) / 2)
    EventFactory(category=Event.Category.TRAINING)
    assert result("events").done
    set_thresholds(events_trainings=2)
    assert not result("events").done


def test_documents_in_the_organisation_library() -> None:
    DocumentFactory.create_batch(4)
    DocumentFactory(space=SpaceFactory())  # a space's own library
    DocumentFactory(version=False)  # no file
    found = result("documents")
    assert not found.done and found.progress == pytest.approx(4 / 5)
    DocumentFactory()
    assert result("documents").done


def test_wiki_pages_in_spaces_for_everyone() -> None:
    PageFactory.create_batch(5, space=SpaceFactory())  # a space not everyone is in
    PageFactory.create_batch(2, space=help_space())
    found = result("wiki")
    assert not found.done and "2" in found.summary
    assert found.fix_url == reverse("wiki:index", args=["help"])
    set_thresholds(wiki_minimum=2)
    assert result("wiki").done
    set_thresholds(wiki_minimum=0)  # switched off
    assert result("wiki").done


def test_questions_need_an_open_help_place_and_answers() -> None:
    questions = PostFactory.create_batch(3, kind=Post.Kind.QUESTION)
    for question in questions[:2]:
        CommentFactory(post=question)
    CommentFactory(post=questions[2], deleted_at=NOW())  # a removed answer does not count
    found = result("questions")
    assert not found.done
    assert found.progress == pytest.approx((1 + 2 / 3) / 2)
    assert "Everyone can ask" in found.summary
    CommentFactory(post=questions[2])
    assert result("questions").done
    Space.objects.filter(slug="help").update(is_default_for_everyone=False, kind=Space.Kind.SECRET)
    closed = result("questions")
    assert not closed.done
    assert closed.fix_url == reverse("spaces:defaults", args=["help"])


def test_questions_without_help_place(no_help_space: None) -> None:
    found = result("questions")
    assert not found.done and "no help space" in found.summary
    assert found.fix_url == reverse("spaces:create")


def complete(person):  # type: ignore[no-untyped-def]
    person.photo = "people/photos/x.jpg"
    person.job_title = "Teamleider"
    person.department = DepartmentFactory()
    person.location = LocationFactory()
    person.phone = "030 123 4567"
    person.bio = "Ik leid het team."
    person.save()
    person.skills.add(TagFactory())
    person.interests.add(TagFactory())
    return person


def test_managers_profiles_complete() -> None:
    boss, other_boss = PersonFactory(), PersonFactory(first_name="Henk", last_name="Hoofd")
    PersonFactory(manager=boss)
    PersonFactory(manager=other_boss)
    PersonFactory(manager=PersonFactory(), is_active=False)  # has only a former report
    complete(boss)
    found = result("manager_profiles")
    assert not found.done and found.progress == pytest.approx(0.5 / 0.8)
    assert "1 of 2" in found.summary
    assert [link.url for link in found.details] == [reverse("people:profile", args=[other_boss.pk])]
    assert "Henk Hoofd" in found.details[0].text
    set_thresholds(people_manager_share=50)
    assert result("manager_profiles").done
    set_thresholds()
    complete(other_boss)
    assert result("manager_profiles").done


def test_no_managers_is_not_ready() -> None:
    PersonFactory()
    assert not result("manager_profiles").done


def test_each_department_needs_an_ambassador() -> None:
    parent = DepartmentFactory(name="Sociaal domein")
    child = DepartmentFactory(name="Jeugd", parent=parent)
    other = DepartmentFactory(name="Burgerzaken")
    for department in (parent, child, other):
        PersonFactory(department=department)
    Ambassador.objects.create(person=PersonFactory(), department=parent)  # covers Jeugd too
    Ambassador.objects.create(
        person=PersonFactory(is_active=False), department=other
    )  # gone: does not count
    found = result("ambassadors")
    assert not found.done and found.progress == pytest.approx(2 / 3)
    assert [link.text for link in found.details] == ["No ambassador for Burgerzaken"]
    set_thresholds(ambassadors_department_share=66)
    assert result("ambassadors").done


def test_manager_blog_entry() -> None:
    boss = PersonFactory()
    PersonFactory(manager=boss)
    PostFactory(kind=Post.Kind.BLOG)  # by someone without reports
    PostFactory(kind=Post.Kind.BLOG, author=boss, created_at=NOW() + timedelta(days=2))
    assert not result("manager_blogs").done
    PostFactory(kind=Post.Kind.BLOG, author=boss)
    assert result("manager_blogs").done


# -- registry, thresholds and score -------------------------------------------------------------


def fake(key: str, progress: float, *, done: bool = False, weight: float = 1) -> Check:
    return Check(
        key=key,
        label=key,
        order=1,
        evaluate=lambda values: Result(done=done, summary=key, progress=progress),
        fix_url=lambda: reverse("launch:readiness"),
        weight=weight,
    )


@pytest.fixture
def empty_registry() -> Iterator[None]:
    with CHECKS.only():
        yield


def test_score_is_the_weighted_mean_of_progress(empty_registry: None) -> None:
    assert readiness.report().score == 0
    CHECKS.register(fake("a", 1, done=True, weight=3))
    CHECKS.register(fake("b", 0.5))
    CHECKS.register(fake("c", 0))
    found = readiness.report()
    assert found.score == round(100 * (3 * 1 + 0.5 + 0) / 5)  # 70
    assert (found.done, found.total) == (1, 3)
    assert [item.key for item in found.open_items] == ["b", "c"]


def test_score_is_100_only_when_everything_is_done(empty_registry: None) -> None:
    CHECKS.register(fake("a", 1, done=True, weight=1000))
    CHECKS.register(fake("b", 0.99))
    assert readiness.report().score == 99
    CHECKS.register(fake("b", 0, done=True))
    assert readiness.report().score == 100


def test_registry_refuses_a_threshold_key_of_another_check(empty_registry: None) -> None:
    threshold = Threshold("shared_key", "x", 1)
    CHECKS.register(Check("a", "a", 1, lambda v: Result(True, ""), str, (threshold,)))
    with pytest.raises(ImproperlyConfigured):
        CHECKS.register(Check("b", "b", 1, lambda v: Result(True, ""), str, (threshold,)))
    with pytest.raises(ImproperlyConfigured):
        bad = Threshold("bad_default", "x", -1)
        CHECKS.register(Check("c", "c", 1, lambda v: Result(True, ""), str, (bad,)))


def test_a_missing_fix_page_gives_no_link(empty_registry: None) -> None:
    CHECKS.register(
        Check("a", "a", 1, lambda v: Result(False, ""), lambda: reverse("nowhere:at-all"))
    )
    assert readiness.report().items[0].fix_url == ""


def test_stored_thresholds_overlay_the_defaults_and_bad_ones_are_ignored() -> None:
    set_thresholds(news_minimum=7, events_minimum="x", people_manager_share=250, other=3)
    values = readiness.threshold_values()
    assert values["news_minimum"] == 7
    assert values["events_minimum"] == 3  # the default
    assert values["people_manager_share"] == 80
    assert "other" not in values


def test_thresholds_service_saves_checks_and_merges(community_manager) -> None:  # type: ignore[no-untyped-def]
    set_thresholds(from_an_old_app=4)
    readiness_thresholds_update(by=community_manager, values={"news_minimum": 1})
    assert LaunchPlan.objects.get().thresholds == {"from_an_old_app": 4, "news_minimum": 1}
    assert readiness.threshold_values()["news_minimum"] == 1  # the cache was forgotten
    with pytest.raises(ValidationError) as error:
        readiness_thresholds_update(
            by=community_manager, values={"news_minimum": 5, "wiki_minimum": -1, "nope": 1}
        )
    assert set(error.value.message_dict) == {"wiki_minimum", "nope"}
    assert LaunchPlan.objects.get().thresholds["news_minimum"] == 1  # nothing half-written
    with pytest.raises(PermissionDenied):
        readiness_thresholds_update(by=PersonFactory(roles=["project_team"]), values={})


def test_thresholds_service_creates_the_plan(community_manager) -> None:  # type: ignore[no-untyped-def]
    assert not LaunchPlan.objects.exists()
    readiness_thresholds_update(by=community_manager, values={"news_minimum": 2})
    plan = LaunchPlan.objects.get()
    assert plan.thresholds == {"news_minimum": 2}
    assert plan.phase == LaunchPlan.Phase.LAUNCHED  # as a missing plan counted


# -- pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "readiness_status", "thresholds_status"),
    [([], 403, 403), (["project_team"], 200, 403), (["community_manager"], 200, 200)],
)
def test_who_may_see_the_pages(client, roles, readiness_status, thresholds_status) -> None:  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory(roles=roles))
    assert client.get(reverse("launch:readiness")).status_code == readiness_status
    assert client.get(reverse("launch:thresholds")).status_code == thresholds_status
    if thresholds_status == 403:
        values = readiness.threshold_values() | {"news_minimum": 1}
        assert client.post(reverse("launch:thresholds"), values).status_code == 403
        assert not LaunchPlan.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("launch:readiness"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_readiness_page_shows_score_status_in_text_and_fix_links(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory(roles=["project_team"]))
    PostFactory.create_batch(3, kind=Post.Kind.NEWS)
    response = client.get(reverse("launch:readiness"))
    html = response.content.decode()
    report = response.context["readiness_report"]
    assert f'<span class="readiness-score__number">{report.score}</span>' in html
    assert "Done" in html and "To do" in html
    assert reverse("news:create") in html and reverse("manage:branding") in html
    assert "Fix this" in html
    assert reverse("launch:thresholds") not in html  # the project team cannot change them


def test_summary_partial_lists_the_first_open_items() -> None:
    report = readiness.report()
    html = render_to_string("launch/partials/readiness_summary.html", {"readiness_report": report})
    assert str(report.open_items[0].label) in html
    assert str(report.open_items[3].label) not in html
    assert f"And {len(report.open_items) - 3} more items." in html
    assert reverse("launch:readiness") in html


def test_thresholds_form_saves(client, community_manager) -> None:  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    page = client.get(reverse("launch:thresholds"))
    form = page.context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data.update({key: value for key, value in form.initial.items()})
    data["news_minimum"] = 1
    response = client.post(reverse("launch:thresholds"), data)
    assert response.status_code == 302 and response["Location"] == reverse("launch:readiness")
    assert LaunchPlan.objects.get().thresholds["news_minimum"] == 1
    PostFactory(kind=Post.Kind.NEWS)
    assert result("news").done


def test_thresholds_form_reshows_bad_input(client, community_manager) -> None:  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    data = dict(readiness.threshold_values())
    data.update(news_minimum="veel", people_manager_share="150", wiki_minimum="7")
    response = client.post(reverse("launch:thresholds"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="veel"' in html and 'value="150"' in html and 'value="7"' in html
    assert set(response.context["form"].errors) == {"news_minimum", "people_manager_share"}
    assert not LaunchPlan.objects.exists()


def org(size: int) -> None:
    """`size` departments, each with people, a manager, a default space and an ambassador."""
    for n in range(size):
        department = DepartmentFactory()
        boss = PersonFactory(department=department)
        PersonFactory(department=department, manager=boss)
        space = SpaceFactory()
        space.default_departments.add(department)
        PostFactory(space=space)
        Ambassador.objects.create(
            person=PersonFactory(department=department), department=department
        )
        if n % 2:
            complete(boss)
            PostFactory(kind=Post.Kind.BLOG, author=boss)


def readiness_page_queries(client) -> int:  # type: ignore[no-untyped-def]
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("launch:readiness")).status_code == 200
    return len(queries)


def test_readiness_page_query_count_does_not_grow(client, community_manager) -> None:  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    org(2)
    readiness_page_queries(client)  # the first request of a visit also records the visit
    few = readiness_page_queries(client)
    org(12)
    assert readiness_page_queries(client) == few
    assert few <= 30
