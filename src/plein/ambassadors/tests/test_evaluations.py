"""Evaluation rounds (tips, tops and flops): opening and closing, adding, +1 and removing, who
may do what, the summary for the project team, the e-mail and the post when a round opens; and
"Your ambassadors" in the help place."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.posts.models import Post
from plein.spaces.help import HELP_SPACE_SLUG
from plein.spaces.models import Space
from plein.spaces.tests.factories import SpaceFactory

from .. import permissions, selectors, services
from ..models import EvaluationItem, EvaluationRound, EvaluationSupport
from ..selectors import AMBASSADORS_SPACE_SLUG
from ..templatetags.ambassadors_tags import help_place_ambassadors
from .factories import AmbassadorFactory

pytestmark = pytest.mark.django_db

Kind = EvaluationItem.Kind


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def open_round(by, **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("title", "Evaluatie na 6 weken")
    kwargs.setdefault("ends_on", in_days(14))
    return services.round_open(by=by, **kwargs)


# --- Opening and closing ---------------------------------------------------------------------


def test_opening_mails_every_ambassador_and_posts_in_their_space(
    community_manager, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    first = AmbassadorFactory(person__email="first@example.org")
    second = AmbassadorFactory(person__email="second@example.org", department=None)
    AmbassadorFactory(person__is_active=False, person__email="gone@example.org")
    PersonFactory(email="colleague@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = open_round(community_manager, introduction="What do you miss?")

    assert evaluation.is_open
    assert evaluation.opened_by == community_manager
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.person.email, second.person.email])
    message = mail.outbox[0]
    assert "Evaluatie na 6 weken" in message.subject
    assert evaluation.get_absolute_url() in message.body
    assert "What do you miss?" in message.body

    space = Space.objects.get(slug=AMBASSADORS_SPACE_SLUG)
    [post] = Post.objects.filter(space=space)
    assert post.author == community_manager
    assert "Evaluatie na 6 weken" in post.body
    assert evaluation.get_absolute_url() in post.body


def test_opening_checks_the_input_and_writes_nothing_on_errors(community_manager) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        open_round(community_manager, title="  ", ends_on=in_days(-1))
    assert set(error.value.message_dict) == {"title", "ends_on"}
    assert not EvaluationRound.objects.exists()
    assert not Post.objects.exists()


def test_one_round_at_a_time_and_an_expired_round_is_closed_by_itself(community_manager) -> None:  # type: ignore[no-untyped-def]
    first = open_round(community_manager)
    with pytest.raises(ValidationError):
        open_round(community_manager, title="Second")
    assert EvaluationRound.objects.count() == 1

    EvaluationRound.objects.filter(pk=first.pk).update(ends_on=in_days(-1))
    assert selectors.current_round() is None
    second = open_round(community_manager, title="Second")
    first.refresh_from_db()
    assert first.closed_at is not None
    assert selectors.current_round() == second


def test_only_community_managers_open_and_close(community_manager) -> None:  # type: ignore[no-untyped-def]
    employee = PersonFactory()
    team = PersonFactory(roles=["project_team"])
    for someone in (employee, team):
        with pytest.raises(PermissionDenied):
            open_round(someone)
    evaluation = open_round(community_manager)
    with pytest.raises(PermissionDenied):
        services.round_close(by=employee, evaluation=evaluation)
    services.round_close(by=community_manager, evaluation=evaluation)
    evaluation.refresh_from_db()
    assert not evaluation.is_open
    assert evaluation.closed_by == community_manager
    assert selectors.current_round() is None


# --- Adding, supporting, removing ------------------------------------------------------------


def test_an_employee_adds_while_open_with_their_department_and_not_after_closing(
    community_manager,
) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory(name="Burgerzaken")
    employee = PersonFactory(department=department)
    evaluation = open_round(community_manager)
    item = services.item_add(
        by=employee, evaluation=evaluation, kind=Kind.FLOP, text=" Slow  search "
    )
    assert item.text == "Slow search"
    assert item.department == department
    assert not item.anonymous
    other = services.item_add(
        by=employee, evaluation=evaluation, kind=Kind.TIP, text="More news", department=None
    )
    assert other.department is None

    with pytest.raises(ValidationError) as error:
        services.item_add(by=employee, evaluation=evaluation, kind="meh", text="")
    assert set(error.value.message_dict) == {"kind", "text"}

    services.round_close(by=community_manager, evaluation=evaluation)
    with pytest.raises(PermissionDenied):
        services.item_add(by=employee, evaluation=evaluation, kind=Kind.TOP, text="Nice")
    assert EvaluationItem.objects.count() == 2


def test_support_is_one_per_person_toggles_and_not_for_ones_own(community_manager) -> None:  # type: ignore[no-untyped-def]
    author, colleague = PersonFactory(), PersonFactory()
    evaluation = open_round(community_manager)
    item = services.item_add(by=author, evaluation=evaluation, kind=Kind.TIP, text="Dark mode")
    assert services.item_support_toggle(by=colleague, item=item) is True
    assert EvaluationSupport.objects.filter(item=item).count() == 1
    assert services.item_support_toggle(by=colleague, item=item) is False
    assert EvaluationSupport.objects.filter(item=item).count() == 0
    services.item_support_toggle(by=colleague, item=item)
    with pytest.raises(PermissionDenied):
        services.item_support_toggle(by=author, item=item)
    services.round_close(by=community_manager, evaluation=evaluation)
    item.round.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.item_support_toggle(by=colleague, item=item)
    assert EvaluationSupport.objects.filter(item=item).count() == 1


def test_the_author_removes_while_open_the_community_manager_always(community_manager) -> None:  # type: ignore[no-untyped-def]
    author, colleague = PersonFactory(), PersonFactory()
    evaluation = open_round(community_manager)
    first = services.item_add(by=author, evaluation=evaluation, kind=Kind.TIP, text="One")
    second = services.item_add(by=author, evaluation=evaluation, kind=Kind.TOP, text="Two")
    with pytest.raises(PermissionDenied):
        services.item_remove(by=colleague, item=first)
    services.item_remove(by=author, item=first)
    services.round_close(by=community_manager, evaluation=evaluation)
    second.round.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.item_remove(by=author, item=second)
    services.item_remove(by=community_manager, item=second)
    assert not EvaluationItem.objects.exists()


# --- Summary ---------------------------------------------------------------------------------


def test_the_summary_counts_per_kind_and_department_and_ranks_by_support(
    community_manager, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    sales, hr = DepartmentFactory(name="Sales"), DepartmentFactory(name="HR")
    a, b, c = (
        PersonFactory(department=sales),
        PersonFactory(department=sales),
        PersonFactory(department=hr),
    )
    evaluation = open_round(community_manager)
    tip1 = services.item_add(by=a, evaluation=evaluation, kind=Kind.TIP, text="tip one")
    tip2 = services.item_add(by=c, evaluation=evaluation, kind=Kind.TIP, text="tip two")
    services.item_add(by=a, evaluation=evaluation, kind=Kind.TOP, text="top", anonymous=True)
    services.item_add(by=b, evaluation=evaluation, kind=Kind.FLOP, text="flop one")
    services.item_add(by=c, evaluation=evaluation, kind=Kind.FLOP, text="flop", department=None)
    for person in (b, c):
        services.item_support_toggle(by=person, item=tip1)
    services.item_support_toggle(by=a, item=tip2)
    services.item_support_toggle(by=b, item=tip2)
    services.item_support_toggle(by=community_manager, item=tip2)

    with django_assert_num_queries(1):
        summary = selectors.summary(evaluation)
    assert summary.counts == {"tip": 2, "top": 1, "flop": 2}
    assert summary.total == 5
    assert summary.participants == 3
    assert summary.supports == 5
    tips = summary.columns[0]
    assert tips.kind == "tip"
    assert [item.pk for item in tips.items] == [tip2.pk, tip1.pk]
    assert [item.support_count for item in tips.items] == [3, 2]
    rows = {row.name: (row.tip, row.top, row.flop, row.total) for row in summary.departments}
    assert rows == {"Sales": (1, 1, 1, 3), "HR": (1, 0, 0, 1), "No department": (0, 0, 1, 1)}
    assert summary.departments[0].name == "Sales"


def test_summary_permissions_and_pages(client, community_manager) -> None:  # type: ignore[no-untyped-def]
    employee = PersonFactory()
    team = PersonFactory(roles=["project_team"])
    ambassador = AmbassadorFactory().person
    evaluation = open_round(community_manager)
    services.item_add(by=employee, evaluation=evaluation, kind=Kind.FLOP, text="=HYPERLINK(1)")
    services.item_add(
        by=employee, evaluation=evaluation, kind=Kind.TOP, text="Secret fan", anonymous=True
    )
    url = reverse("ambassadors:evaluation_summary", args=[evaluation.pk])
    csv_url = reverse("ambassadors:evaluation_summary_csv", args=[evaluation.pk])

    assert not permissions.can_view_summary(employee)
    client.force_login(employee)
    assert client.get(url).status_code == 403
    assert client.get(csv_url).status_code == 403

    for viewer in (team, ambassador, community_manager):
        assert permissions.can_view_summary(viewer)
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["summary"].counts["flop"] == 1
        content = response.content.decode()
        assert "Secret fan" in content
        assert content.count(employee.full_name) == 1  # the anonymous item hides the name
    response = client.get(csv_url)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert text.count(employee.full_name) == 1


# --- The pages -------------------------------------------------------------------------------


def test_employee_adds_and_supports_on_the_board_with_and_without_htmx(
    client, community_manager
) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory()
    employee = PersonFactory(department=department)
    colleague = PersonFactory()
    evaluation = open_round(community_manager)
    tip = services.item_add(by=colleague, evaluation=evaluation, kind=Kind.TIP, text="Agenda")
    client.force_login(employee)
    url = evaluation.get_absolute_url()

    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"]["department"].value() == department.pk

    response = client.post(url, {"kind": "flop", "text": "", "department": department.pk})
    assert response.status_code == 400
    assert not EvaluationItem.objects.filter(author=employee).exists()

    response = client.post(
        url, {"kind": "flop", "text": "Too many e-mails", "department": department.pk}
    )
    assert response.status_code == 302
    item = EvaluationItem.objects.get(author=employee)
    assert (item.kind, item.department) == ("flop", department)

    response = client.post(
        url, {"kind": "top", "text": "Nice photos", "anonymous": "on"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert b'id="evaluation-board"' in response.content
    assert b"<html" not in response.content
    assert EvaluationItem.objects.get(text="Nice photos").anonymous

    support = reverse("ambassadors:evaluation_support", args=[evaluation.pk, tip.pk])
    response = client.post(support, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'aria-pressed="true"' in response.content
    assert EvaluationSupport.objects.filter(item=tip, person=employee).exists()
    response = client.post(support)
    assert response.status_code == 302
    assert not EvaluationSupport.objects.filter(item=tip, person=employee).exists()

    services.round_close(by=community_manager, evaluation=evaluation)
    response = client.get(url)
    assert response.status_code == 200
    assert b'id="evaluation-closed"' in response.content
    assert client.post(url, {"kind": "tip", "text": "Late"}).status_code == 403


def test_open_and_close_through_the_pages_and_the_links(client, community_manager) -> None:  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    manage = client.get(reverse("ambassadors:manage")).content.decode()
    assert reverse("ambassadors:evaluation_new") in manage
    response = client.post(
        reverse("ambassadors:evaluation_new"),
        {"title": "", "introduction": "", "ends_on": in_days(7).isoformat()},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("ambassadors:evaluation_new"),
        {"title": "Evaluatie na 6 weken", "introduction": "", "ends_on": in_days(7).isoformat()},
    )
    evaluation = EvaluationRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == evaluation.get_absolute_url()
    assert (
        evaluation.get_absolute_url() in client.get(reverse("ambassadors:manage")).content.decode()
    )
    assert evaluation.get_absolute_url() in client.get(reverse("ambassadors:list")).content.decode()

    client.force_login(PersonFactory())
    assert client.get(reverse("ambassadors:evaluation_new")).status_code == 403
    assert (
        client.post(reverse("ambassadors:evaluation_close", args=[evaluation.pk])).status_code
        == 403
    )
    response = client.get(reverse("ambassadors:evaluations"))
    assert response.status_code == 302 and response["Location"] == evaluation.get_absolute_url()

    client.force_login(community_manager)
    response = client.post(reverse("ambassadors:evaluation_close", args=[evaluation.pk]))
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert not evaluation.is_open


# --- The help place --------------------------------------------------------------------------


def test_the_help_place_shows_the_viewers_ambassadors_and_other_spaces_do_not(client) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory()
    viewer = PersonFactory(department=department)
    mine = AmbassadorFactory(department=department, person__first_name="Mila")
    other = AmbassadorFactory(person__first_name="Otto")
    help_space = Space.objects.get(slug=HELP_SPACE_SLUG)
    client.force_login(viewer)

    response = client.get(help_space.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="help-ambassadors"' in content
    assert escape(mine.person.full_name) in content
    assert escape(other.person.full_name) not in content
    assert reverse("ambassadors:list") in content

    space = SpaceFactory(kind=Space.Kind.OPEN)
    response = client.get(space.get_absolute_url())
    assert response.status_code == 200
    assert 'id="help-ambassadors"' not in response.content.decode()


def test_the_help_place_tag_costs_two_queries_and_none_elsewhere(django_assert_num_queries) -> None:
    department = DepartmentFactory()
    viewer = PersonFactory(department=department)
    mine = AmbassadorFactory(department=department)
    help_space = Space.objects.get(slug=HELP_SPACE_SLUG)
    other = Space(slug="elsewhere", name="Elsewhere")
    with django_assert_num_queries(0):
        assert help_place_ambassadors(other, viewer) is None
    with django_assert_num_queries(2):
        assert help_place_ambassadors(help_space, viewer) == [mine]
