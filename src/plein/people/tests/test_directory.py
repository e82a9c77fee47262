"""The people directory: search, filters, pagination, live search and query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plein.people.tests.factories import (
    DepartmentFactory,
    LocationFactory,
    PersonFactory,
    TagFactory,
)

URL = reverse("people:directory")


def listed(response) -> list[str]:  # type: ignore[no-untyped-def]
    """The names of the people on the page, in order."""
    html = response.content.decode()
    return re.findall(r'class="person-card__name"><a href="[^"]+">([^<]+)</a>', html)


def get(client, **params):  # type: ignore[no-untyped-def]
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


@pytest.fixture
def viewer(client, db):  # type: ignore[no-untyped-def]
    """A logged-in colleague whose own name never matches the searches below."""
    me = PersonFactory(first_name="Viewer", last_name="Person")
    client.force_login(me)
    return me


def test_anonymous_visitors_are_sent_to_login(client, db):  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_lists_active_people_only(client, viewer):  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Ada", last_name="Active")
    PersonFactory(first_name="Ivo", last_name="Inactive", is_active=False)

    names = listed(get(client))

    assert "Ada Active" in names
    assert "Viewer Person" in names
    assert "Ivo Inactive" not in names


def test_administrators_do_not_see_inactive_people_in_the_directory(client, administrator):  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Ivo", last_name="Inactive", is_active=False)
    client.force_login(administrator)

    assert "Ivo Inactive" not in listed(get(client))


def test_people_are_sorted_by_last_name(client, viewer):  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Zed", last_name="Aalders")
    PersonFactory(first_name="Amy", last_name="Zwart")

    names = listed(get(client))

    assert names.index("Zed Aalders") < names.index("Viewer Person") < names.index("Amy Zwart")


def test_search_needs_every_word_to_match_some_field(client, viewer):  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Quirina", name_prefix="van der", last_name="Xylofoon")
    PersonFactory(first_name="Quirina", last_name="Yzerman")
    PersonFactory(first_name="Bram", name_prefix="van der", last_name="Xylofoon")

    assert listed(get(client, q="quirina xylofoon")) == ["Quirina van der Xylofoon"]
    assert sorted(listed(get(client, q="QUIRINA"))) == [
        "Quirina Yzerman",
        "Quirina van der Xylofoon",
    ]
    assert listed(get(client, q="  bram   VAN  ")) == ["Bram van der Xylofoon"]
    assert listed(get(client, q="quirina nobody")) == []


def test_search_matches_job_title_and_email(client, viewer):  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Ann", last_name="Ops", job_title="Senior Platypus Wrangler")
    PersonFactory(first_name="Bob", last_name="Mail", email="bob.hyperion@example.org")

    assert listed(get(client, q="platypus senior")) == ["Ann Ops"]
    assert listed(get(client, q="HYPERION")) == ["Bob Mail"]


def test_department_filter_includes_sub_departments(client, viewer):  # type: ignore[no-untyped-def]
    top = DepartmentFactory(name="Operations")
    child = DepartmentFactory(name="Logistics", parent=top)
    grandchild = DepartmentFactory(name="Warehouse", parent=child)
    other = DepartmentFactory(name="Finance")
    PersonFactory(first_name="Tom", last_name="Top", department=top)
    PersonFactory(first_name="Cas", last_name="Child", department=child)
    PersonFactory(first_name="Gus", last_name="Grandchild", department=grandchild)
    PersonFactory(first_name="Oda", last_name="Other", department=other)

    assert sorted(listed(get(client, department=top.pk))) == [
        "Cas Child",
        "Gus Grandchild",
        "Tom Top",
    ]
    assert sorted(listed(get(client, department=child.pk))) == ["Cas Child", "Gus Grandchild"]
    assert listed(get(client, department=other.pk)) == ["Oda Other"]


def test_location_filter(client, viewer):  # type: ignore[no-untyped-def]
    utrecht = LocationFactory(name="Utrecht")
    zwolle = LocationFactory(name="Zwolle")
    PersonFactory(first_name="Uma", last_name="U", location=utrecht)
    PersonFactory(first_name="Zoe", last_name="Z", location=zwolle)

    assert listed(get(client, location=utrecht.pk)) == ["Uma U"]


def test_skill_filter_by_id_or_name(client, viewer):  # type: ignore[no-untyped-def]
    python = TagFactory(name="Python")
    cobol = TagFactory(name="COBOL")
    coder = PersonFactory(first_name="Pia", last_name="Coder")
    coder.skills.add(python)
    fan = PersonFactory(first_name="Fay", last_name="Fan")
    fan.interests.add(python)
    oldie = PersonFactory(first_name="Otto", last_name="Old")
    oldie.skills.add(cobol)

    assert sorted(listed(get(client, skill=python.pk))) == ["Fay Fan", "Pia Coder"]
    assert sorted(listed(get(client, skill="pYthon"))) == ["Fay Fan", "Pia Coder"]
    assert listed(get(client, skill="cobol")) == ["Otto Old"]
    assert listed(get(client, skill="Unknown skill")) == []


def test_skill_id_from_a_profile_link_shows_the_name_in_the_box(client, viewer):  # type: ignore[no-untyped-def]
    python = TagFactory(name="Python")

    html = get(client, skill=python.pk).content.decode()

    assert re.search(r'<input[^>]*name="skill"[^>]*value="Python"', html)


def test_filters_combine(client, viewer):  # type: ignore[no-untyped-def]
    sales = DepartmentFactory(name="Sales")
    utrecht = LocationFactory(name="Utrecht")
    PersonFactory(first_name="Sam", last_name="Both", department=sales, location=utrecht)
    PersonFactory(first_name="Sam", last_name="Sales", department=sales)
    PersonFactory(first_name="Sam", last_name="Utrecht", location=utrecht)

    assert listed(get(client, q="sam", department=sales.pk, location=utrecht.pk)) == ["Sam Both"]


def test_invalid_filter_values_are_ignored(client, viewer):  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Ada", last_name="Active")

    names = listed(get(client, department="nonsense", location="999999", page="x"))

    assert "Ada Active" in names


def test_pagination_keeps_the_filters(client, viewer, settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_PEOPLE_PER_PAGE = 24
    for number in range(30):
        PersonFactory(first_name="Paged", last_name=f"Person {number:02d}")

    first = get(client, q="paged")
    second = get(client, q="paged", page=2)

    assert len(listed(first)) == 24
    assert len(listed(second)) == 6
    assert set(listed(first)).isdisjoint(listed(second))
    assert "30 colleagues found" in first.content.decode()
    assert 'href="/people/?q=paged&amp;page=2"' in first.content.decode()
    assert 'href="/people/?q=paged&amp;page=1"' in second.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_result_count_is_in_a_live_region(client, viewer):  # type: ignore[no-untyped-def]
    html = get(client).content.decode()

    region = re.search(r'<p id="directory-count"[^>]*>(.*?)</p>', html, re.S)
    assert region is not None
    assert 'aria-live="polite"' in region.group(0)
    assert "1 colleague found" in region.group(1)


def test_full_page_has_a_labelled_search_form_with_live_search(client, viewer):  # type: ignore[no-untyped-def]
    html = get(client).content.decode()

    assert "<html" in html
    assert 'role="search"' in html
    assert 'hx-get="/people/"' in html
    assert 'hx-trigger="input changed delay:300ms, change"' in html
    assert 'hx-target="#directory-results"' in html
    assert 'hx-push-url="true"' in html
    for field in ("q", "department", "location", "skill"):
        assert f'<label for="id_{field}">' in html
    assert '<button type="submit"' in html


def test_htmx_requests_get_only_the_results(client, viewer):  # type: ignore[no-untyped-def]
    PersonFactory(first_name="Quirina", last_name="Xylofoon")

    response = client.get(URL, {"q": "quirina"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'role="search"' not in html
    assert listed(response) == ["Quirina Xylofoon"]
    # The count is swapped into the existing live region, out of band.
    assert re.search(r'id="directory-count" hx-swap-oob="innerHTML"', html)
    assert "1 colleague found" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(client, viewer):  # type: ignore[no-untyped-def]
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    assert "<html" in response.content.decode()


def test_department_select_shows_the_tree(client, viewer):  # type: ignore[no-untyped-def]
    top = DepartmentFactory(name="Operations")
    child = DepartmentFactory(name="Logistics", parent=top)
    DepartmentFactory(name="Warehouse", parent=child)
    DepartmentFactory(name="Finance")

    html = get(client).content.decode()
    select = re.search(r'<select name="department".*?</select>', html, re.S)
    assert select is not None
    labels = re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))

    assert labels == ["All departments", "Finance", "Operations", "— Logistics", "— — Warehouse"]


def test_no_results_message(client, viewer):  # type: ignore[no-untyped-def]
    html = get(client, q="nobody-has-this-name").content.decode()

    assert "0 colleagues found" in html
    assert "No one matches your search" in html


def test_query_count_does_not_grow_with_the_number_of_people(  # type: ignore[no-untyped-def]
    client, viewer, django_assert_num_queries
):
    def add_people(count: int) -> None:
        for _ in range(count):
            person = PersonFactory(
                department=DepartmentFactory(), location=LocationFactory(), job_title="Analyst"
            )
            person.skills.add(TagFactory())

    add_people(3)
    get(client)  # warm the caches (branding) so both measured requests do the same work
    with CaptureQueriesContext(connection) as few:
        assert len(listed(get(client))) == 4
    add_people(27)

    with django_assert_num_queries(len(few.captured_queries)):
        assert len(listed(get(client))) == 24
