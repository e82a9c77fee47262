"""The ambassador pages, the badge on profiles and the link from the Management area."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from plein.people.tests.factories import DepartmentFactory, LocationFactory, PersonFactory

from ..models import Ambassador
from ..selectors import AMBASSADORS_SPACE_SLUG
from .factories import AmbassadorFactory

pytestmark = pytest.mark.django_db

MANAGE = reverse("ambassadors:manage")
LIST = reverse("ambassadors:list")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cm_client(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    return client


def test_employees_may_not_manage_but_see_the_list(logged_in_client) -> None:  # type: ignore[no-untyped-def]
    ambassador = AmbassadorFactory(person__first_name="Mo", person__last_name="El Idrissi")
    assert logged_in_client.get(MANAGE).status_code == 403
    assert logged_in_client.post(MANAGE, {"person": "x@example.org"}).status_code == 403
    remove = reverse("ambassadors:remove", args=[ambassador.pk])
    assert logged_in_client.get(remove).status_code == 403
    assert logged_in_client.post(remove).status_code == 403
    assert Ambassador.objects.filter(pk=ambassador.pk).exists()
    response = logged_in_client.get(LIST)
    assert response.status_code == 200
    assert "Mo El Idrissi" in response.content.decode()
    assert b"ambassadors-manage-link" not in response.content


def test_anonymous_visitors_are_sent_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    for url in (LIST, MANAGE):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_your_own_department_ambassador_comes_first(client) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory()
    me = PersonFactory(department=department)
    mine = AmbassadorFactory(department=department)
    other = AmbassadorFactory()
    client.force_login(me)
    response = client.get(LIST)
    html = response.content.decode()
    assert f'id="ambassador-mine-{mine.pk}"' in html
    assert f'id="ambassador-mine-{other.pk}"' not in html
    assert f'id="ambassador-all-{other.pk}"' in html
    assert html.index("ambassadors-mine-heading") < html.index("ambassadors-all-heading")


def test_an_ambassador_sees_the_link_to_their_space(client, community_manager) -> None:  # type: ignore[no-untyped-def]
    from plein.ambassadors import services

    colleague = PersonFactory()
    services.ambassador_designate(by=community_manager, person=colleague)
    client.force_login(colleague)
    html = client.get(LIST).content.decode()
    assert 'id="ambassadors-you"' in html
    assert f'href="/spaces/{AMBASSADORS_SPACE_SLUG}/"' in html
    assert 'href="/questions/?tab=sent" id="ambassadors-questions-link"' in html
    client.force_login(PersonFactory())
    html = client.get(LIST).content.decode()
    assert f"/spaces/{AMBASSADORS_SPACE_SLUG}/" not in html
    assert "ambassadors-questions-link" not in html


def test_designating_by_e_mail_without_javascript(
    cm_client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory(name="Burgerzaken")
    colleague = PersonFactory(email="mo@example.org", department=department)
    with django_capture_on_commit_callbacks(execute=True):
        response = cm_client.post(
            MANAGE, {"person": "mo@example.org", "department": department.pk, "location": ""}
        )
    assert response.status_code == 302 and response["Location"] == MANAGE
    assert Ambassador.objects.get(person=colleague).department == department
    assert [m.to for m in mail.outbox] == [["mo@example.org"]]
    page = cm_client.get(MANAGE).content.decode()
    assert escape(colleague.full_name) in page  # the success message and the coverage table
    row = page[page.index(f'id="coverage-department-{department.pk}"') :]
    assert colleague.get_absolute_url() in row[: row.index("</tr>")]


def test_bad_input_reshows_the_form_with_what_was_typed(cm_client) -> None:  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Anna", last_name="Bakker")
    PersonFactory(first_name="Anna", last_name="Visser")
    response = cm_client.post(MANAGE, {"person": "Anna"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Anna"' in html and "form-errors" in html
    response = cm_client.post(MANAGE, {"person": "nobody@example.org"})
    assert response.status_code == 400
    assert not Ambassador.objects.exists()


def test_designating_with_htmx_returns_the_updated_part(cm_client) -> None:  # type: ignore[no-untyped-def]
    location = LocationFactory(name="Werf")
    PersonFactory(location=location)
    PersonFactory(first_name="Sanne", last_name="Smit")
    before = cm_client.get(MANAGE).content.decode()
    row = before[before.index(f'id="coverage-location-{location.pk}"') :]
    assert "coverage-none" in row[: row.index("</tr>")]
    response = cm_client.post(MANAGE, {"person": "Sanne Smit", "location": location.pk}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="ambassadors-manage"' in html[:80]
    assert "<html" not in html
    assert 'id="ambassadors-notice"' in html
    row = html[html.index(f'id="coverage-location-{location.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Sanne Smit" in row and "coverage-none" not in row
    # Errors come back in the part too (htmx swaps only 2xx answers).
    response = cm_client.post(MANAGE, {"person": ""}, **HTMX)
    assert response.status_code == 200 and b"form-errors" in response.content


def test_remove_asks_first_without_javascript(cm_client) -> None:  # type: ignore[no-untyped-def]
    ambassador = AmbassadorFactory()
    url = reverse("ambassadors:remove", args=[ambassador.pk])
    response = cm_client.get(url)
    assert response.status_code == 200 and b"remove-confirm" in response.content
    assert Ambassador.objects.filter(pk=ambassador.pk).exists()
    response = cm_client.post(url)
    assert response.status_code == 302
    assert not Ambassador.objects.filter(pk=ambassador.pk).exists()
    assert cm_client.post(url).status_code == 404


def test_remove_with_htmx(cm_client) -> None:  # type: ignore[no-untyped-def]
    ambassador = AmbassadorFactory()
    response = cm_client.post(reverse("ambassadors:remove", args=[ambassador.pk]), **HTMX)
    assert response.status_code == 200
    assert b'id="ambassadors-notice"' in response.content
    assert f'id="ambassador-{ambassador.pk}"'.encode() not in response.content


def test_person_suggestions(cm_client) -> None:  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Wilma", last_name="Veenstra", email="wilma@example.org")
    url = reverse("ambassadors:person_suggestions")
    response = cm_client.get(url, {"person": "veen"}, **HTMX)
    assert b'<option value="wilma@example.org">' in response.content
    assert cm_client.get(url, {"person": "veen"}).status_code == 302
    cm_client.force_login(PersonFactory())
    assert cm_client.get(url, {"person": "veen"}, **HTMX).status_code == 403


def test_manage_page_takes_a_fixed_number_of_queries(cm_client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    AmbassadorFactory(location=LocationFactory())
    cm_client.get(MANAGE)
    with CaptureQueriesContext(connection) as few:
        assert cm_client.get(MANAGE).status_code == 200
    for _n in range(6):
        parent = DepartmentFactory()
        PersonFactory.create_batch(2, department=DepartmentFactory(parent=parent))
        AmbassadorFactory(department=parent, location=LocationFactory())
    AmbassadorFactory(person__is_active=False)
    with django_assert_num_queries(len(few)):
        response = cm_client.get(MANAGE)
    assert response.content.count(b'id="ambassador-') >= 8


def test_list_page_takes_a_fixed_number_of_queries(
    logged_in_client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    AmbassadorFactory()
    logged_in_client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        logged_in_client.get(LIST)
    AmbassadorFactory.create_batch(6, location=LocationFactory())
    with django_assert_num_queries(len(few)):
        response = logged_in_client.get(LIST)
    assert response.content.count(b'id="ambassador-all-') == 7


def test_the_profile_shows_the_badge(logged_in_client) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory(name="Publiekszaken")
    ambassador = AmbassadorFactory(department=department)
    html = logged_in_client.get(ambassador.person.get_absolute_url()).content.decode()
    assert 'id="ambassador-badge"' in html
    badge = html[html.index('id="ambassador-badge"') :]
    assert "Publiekszaken" in badge[: badge.index("</p>")]
    plain = logged_in_client.get(PersonFactory().get_absolute_url()).content.decode()
    assert 'id="ambassador-badge"' not in plain


def test_the_management_area_links_here_for_community_managers(cm_client, administrator) -> None:  # type: ignore[no-untyped-def]
    assert MANAGE.encode() in cm_client.get(reverse("core:manage")).content
    cm_client.force_login(administrator)
    assert MANAGE.encode() not in cm_client.get(reverse("core:manage")).content
