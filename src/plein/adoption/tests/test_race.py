"""The department race: the leaderboard's maths and cost, the widget's period, the winner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plein.adoption import race
from plein.adoption.models import Race
from plein.launch.models import LaunchPlan
from plein.launch.selectors import launch_plan_forget
from plein.people.models import Person
from plein.people.selectors import COMPLETENESS_ITEMS, profile_completeness
from plein.people.tests.factories import (
    DepartmentFactory,
    LocationFactory,
    PersonFactory,
    TagFactory,
)
from plein.posts.models import Post

pytestmark = pytest.mark.django_db


def complete(person: Person) -> Person:
    person.photo = "people/photo.jpg"
    person.job_title = "Adviseur"
    person.location = LocationFactory(name="Stadhuis")
    person.phone = "0201234567"
    person.bio = "Hallo"
    if person.department_id is None:
        person.department = DepartmentFactory()
    person.save()
    person.skills.add(TagFactory())
    person.interests.add(TagFactory())
    return person


def launched(days_ago: float = 3) -> LaunchPlan:
    plan = LaunchPlan.objects.create(
        pk=1, phase=LaunchPlan.Phase.LAUNCHED, launched_at=timezone.now() - timedelta(days=days_ago)
    )
    launch_plan_forget()
    return plan


@pytest.fixture
def departments():  # type: ignore[no-untyped-def]
    sales = DepartmentFactory(name="Sales")
    sales_north = DepartmentFactory(name="Sales North", parent=sales)
    sales_deep = DepartmentFactory(name="Sales North Team", parent=sales_north)
    it = DepartmentFactory(name="IT")
    DepartmentFactory(name="Empty")
    return sales, sales_north, sales_deep, it


def test_the_queryset_form_agrees_with_profile_completeness() -> None:
    full = complete(PersonFactory())
    assert profile_completeness(full).is_complete
    people = [full]
    for key, _label in COMPLETENESS_ITEMS:
        person = complete(PersonFactory())
        if key in ("skills", "interests"):
            getattr(person, key).clear()
        elif key in ("department", "location"):
            setattr(person, key, None)
        else:
            setattr(person, key, "")
        person.save()
        assert not profile_completeness(person).is_complete, key
        people.append(person)
    matched = set(Person.objects.filter(race._complete_profile()).values_list("pk", flat=True))
    assert matched == {full.pk}


def test_leaderboard_counts_per_top_level_department(departments) -> None:  # type: ignore[no-untyped-def]
    sales, sales_north, sales_deep, it = departments
    complete(PersonFactory(department=sales))
    complete(PersonFactory(department=sales_deep))  # counts for Sales, two levels up
    PersonFactory(department=sales_north)
    complete(PersonFactory(department=it))
    complete(PersonFactory(department=it))
    complete(PersonFactory(department=it, is_active=False))  # deactivated: not counted
    PersonFactory(department=None)  # no department: in no team

    board = race.leaderboard()

    assert [(s.name, s.complete, s.people, s.percentage) for s in board] == [
        ("IT", 2, 2, 100),
        ("Sales", 2, 3, 66),  # rounded down: 100% only when everyone is complete
    ]
    assert board[0].is_complete and not board[1].is_complete


def test_leaderboard_costs_a_fixed_number_of_queries(departments) -> None:  # type: ignore[no-untyped-def]
    sales, _north, sales_deep, it = departments
    complete(PersonFactory(department=sales))
    with CaptureQueriesContext(connection) as few:
        race.leaderboard()
    for department in (sales, sales_deep, it) * 5:
        complete(PersonFactory(department=department))
        PersonFactory(department=department)
    DepartmentFactory(name="More", parent=it)
    with CaptureQueriesContext(connection) as many:
        board = race.leaderboard()
    assert len(few) == len(many) == 2
    assert sum(s.people for s in board) == 31


def test_widget_only_in_the_launch_period_or_while_running(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_RACE_WEEKS = 8
    employee = PersonFactory(department=DepartmentFactory(name="Finance"))
    client.force_login(employee)

    # No launch date (an existing intranet) and no race: no widget.
    assert b'id="widget-department_race"' not in client.get("/").content

    plan = launched(days_ago=10)
    response = client.get("/")
    assert b'id="widget-department_race"' in response.content
    assert "Finance" in response.content.decode()

    plan.launched_at = timezone.now() - timedelta(weeks=9)
    plan.save()
    launch_plan_forget()
    assert b'id="widget-department_race"' not in client.get("/").content

    # The community manager starts a race after the launch period: shown again, until its end.
    Race.objects.create(pk=1, started_at=timezone.now(), prize="A cake")
    race.race_forget()
    response = client.get("/")
    assert b'id="widget-department_race"' in response.content
    assert "A cake" in response.content.decode()
    Race.objects.filter(pk=1).update(ends_at=timezone.now() - timedelta(minutes=1))
    race.race_forget()
    assert b'id="widget-department_race"' not in client.get("/").content


def test_widget_highlights_the_viewers_department(client, departments) -> None:  # type: ignore[no-untyped-def]
    _sales, _north, sales_deep, it = departments
    launched()
    viewer = complete(PersonFactory(department=sales_deep))
    PersonFactory(department=it)
    client.force_login(viewer)
    html = client.get("/").content.decode()
    widget = html[html.index('id="widget-department_race"') :]
    own_row = widget[widget.index('class="race-board__own"') :]
    assert own_row.index("Sales") < own_row.index("</tr>")
    assert "your department" in own_row[: own_row.index("</tr>")]
    assert widget.count('class="race-board__own"') == 1


def test_first_department_at_100_is_recorded_once(departments) -> None:  # type: ignore[no-untyped-def]
    sales, _north, _deep, it = departments
    launched()
    complete(PersonFactory(department=it))
    PersonFactory(department=sales)
    assert race.race_check_first_complete().first_complete_id == it.pk
    first_at = Race.objects.get().first_complete_at

    sales_person = Person.objects.get(department=sales)
    complete(sales_person)
    Person.objects.filter(department=it).update(bio="")  # IT drops out; the record stays
    race.race_forget()
    race_row = race.race_check_first_complete()
    assert race_row.first_complete_id == it.pk
    assert Race.objects.get().first_complete_at == first_at


def test_nothing_is_recorded_when_the_race_is_off(departments) -> None:  # type: ignore[no-untyped-def]
    _sales, _north, _deep, it = departments
    complete(PersonFactory(department=it))
    race.race_check_first_complete()
    assert not Race.objects.filter(first_complete__isnull=False).exists()


def test_only_the_community_manager_manages_the_race(client, person, community_manager) -> None:  # type: ignore[no-untyped-def]
    url = reverse("adoption:race")
    client.force_login(person)
    assert client.get(url).status_code == 403
    assert client.post(url, {"prize": "Cake"}).status_code == 403
    assert client.post(reverse("adoption:race_announce"), {}).status_code == 403
    assert not Race.objects.exists()

    client.force_login(community_manager)
    assert client.get(url).status_code == 200
    response = client.post(url, {"prize": "  A   cake "})
    assert response.status_code == 302
    row = Race.objects.get()
    assert row.prize == "A cake" and row.started_at is not None


def test_settings_with_an_end_in_the_past_are_refused(client, community_manager) -> None:  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("adoption:race"), {"prize": "Cake", "ends_at": past})
    assert response.status_code == 400
    assert "Choose an end in the future." in response.content.decode()
    assert 'value="Cake"' in response.content.decode()
    assert not Race.objects.exists()


def test_the_community_manager_announces_the_winner(client, community_manager, departments) -> None:  # type: ignore[no-untyped-def]
    _sales, _north, _deep, it = departments
    launched()
    complete(PersonFactory(department=it))
    client.force_login(community_manager)
    client.post(reverse("adoption:race"), {"prize": "A cake"})
    page = client.get(reverse("adoption:race")).content.decode()
    assert "Announce the winner" in page and "IT" in page

    response = client.post(
        reverse("adoption:race_announce"),
        {"winner": it.pk, "message": "IT wins the cake!"},
    )
    assert response.status_code == 302
    row = Race.objects.get()
    assert row.winner_id == it.pk and row.announced_at is not None
    assert not race.race_is_running(row)
    post = Post.objects.get(pk=row.announcement_id)
    assert post.is_announcement and "IT wins the cake!" in post.body_html
    assert post.author_id == community_manager.pk

    # Once only.
    again = client.post(reverse("adoption:race_announce"), {"winner": it.pk, "message": "Again"})
    assert again.status_code == 400
    assert Post.objects.filter(is_announcement=True).count() == 1


def test_announcing_needs_a_top_level_department_and_a_message(
    client, community_manager, departments
) -> None:  # type: ignore[no-untyped-def]
    _sales, north, _deep, _it = departments
    client.force_login(community_manager)
    response = client.post(reverse("adoption:race_announce"), {"winner": north.pk, "message": ""})
    assert response.status_code == 400
    assert not Post.objects.exists()
    assert not Race.objects.filter(announced_at__isnull=False).exists()
