"""Managing the organisation in Plein's own screens: departments and locations."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from plein.core.tests.utils import messages_of
from plein.people import services
from plein.people.models import Department, Location
from plein.people.tests.factories import DepartmentFactory, LocationFactory, PersonFactory

pytestmark = pytest.mark.django_db

ORGANISATION_URL = reverse("manage:organisation")
ADD_DEPARTMENT_URL = reverse("manage:department_add")
ADD_LOCATION_URL = reverse("manage:location_add")


def edit_url(department: Department) -> str:
    return reverse("manage:department_edit", args=[department.pk])


def delete_url(department: Department) -> str:
    return reverse("manage:department_delete", args=[department.pk])


def location_url(location: Location) -> str:
    return reverse("manage:location_edit", args=[location.pk])


def location_delete_url(location: Location) -> str:
    return reverse("manage:location_delete", args=[location.pk])


# --- Who may use these screens -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["person", "community_manager"])
def test_employees_and_community_managers_get_403_on_every_new_screen(client, request, who):
    department = DepartmentFactory(name="Financiën")
    location = LocationFactory(name="Utrecht")
    colleague = PersonFactory(email="collega@example.org", first_name="Cor")
    client.force_login(request.getfixturevalue(who))
    urls = [
        ORGANISATION_URL,
        ADD_DEPARTMENT_URL,
        edit_url(department),
        delete_url(department),
        ADD_LOCATION_URL,
        location_url(location),
        location_delete_url(location),
        reverse("manage:person_add"),
        reverse("manage:person_details", args=[colleague.pk]),
        reverse("manage:person_welcome", args=[colleague.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        data = {"name": "Gekaapt", "first_name": "Gekaapt", "last_name": "X", "email": "x@x.nl"}
        assert client.post(url, data).status_code == 403, url
    assert Department.objects.get().name == "Financiën"
    assert Location.objects.get().name == "Utrecht"
    colleague.refresh_from_db()
    assert colleague.first_name == "Cor"
    assert not Department.objects.filter(name="Gekaapt").exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(ORGANISATION_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_management_area_links_to_the_organisation_for_administrators(admin_client):
    page = admin_client.get(reverse("core:manage")).content.decode()
    assert f'href="{ORGANISATION_URL}"' in page


def test_the_organisation_permission_alone_opens_the_management_area(client):
    organiser = PersonFactory()
    organiser.user_permissions.add(
        Permission.objects.get(content_type__app_label="people", codename="manage_organisation")
    )
    client.force_login(organiser)

    response = client.get(reverse("core:manage"))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{ORGANISATION_URL}"' in page
    assert f'href="{reverse("manage:people")}"' not in page
    assert client.get(ORGANISATION_URL).status_code == 200
    # Adding people needs the right to manage roles, which this person does not have.
    assert client.get(reverse("manage:person_add")).status_code == 403


def test_the_community_manager_does_not_see_the_organisation_card(client, community_manager):
    client.force_login(community_manager)
    page = client.get(reverse("core:manage")).content.decode()
    assert ORGANISATION_URL not in page


# --- The overview ------------------------------------------------------------------------------


class _TreeParser(HTMLParser):
    """Records how deep in nested lists each department's list item is."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.items: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul":
            self.depth += 1
        item_id = dict(attrs).get("id") or ""
        if tag == "li" and item_id.startswith("department-"):
            self.items[item_id] = self.depth

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.depth -= 1


def _list_item(page: str, department: Department) -> str:
    start = page.index(f'<li id="department-{department.pk}">')
    return " ".join(page[start : page.index("</li>", start)].split())


def test_the_tree_nests_departments_with_their_code_and_active_member_count(admin_client):
    council = DepartmentFactory(name="Gemeente", code="GEM")
    civil = DepartmentFactory(name="Burgerzaken", parent=council, code="BZ")
    passports = DepartmentFactory(name="Paspoorten", parent=civil)
    board = DepartmentFactory(name="Raad")
    PersonFactory.create_batch(2, department=civil)
    PersonFactory(department=civil, is_active=False)
    PersonFactory(department=passports)

    response = admin_client.get(ORGANISATION_URL)

    assert response.status_code == 200
    tree = response.context["departments"]
    assert [node.department for node in tree] == [council, board]
    assert [node.department for node in tree[0].children] == [civil]
    assert [node.department for node in tree[0].children[0].children] == [passports]
    page = response.content.decode()
    parser = _TreeParser()
    parser.feed(page)
    assert parser.items == {
        f"department-{council.pk}": 1,
        f"department-{civil.pk}": 2,
        f"department-{passports.pk}": 3,
        f"department-{board.pk}": 1,
    }
    assert "(code GEM)" in _list_item(page, council)
    assert "0 people, " in _list_item(page, council)
    assert "3 including sub-departments" in _list_item(page, council)
    assert "(code BZ)" in _list_item(page, civil)
    assert "2 people" in _list_item(page, civil)  # the deactivated person is not counted
    assert "1 person" in _list_item(page, passports)
    assert "code" not in _list_item(page, board)
    assert f'href="{edit_url(civil)}"' in page


def test_the_locations_show_address_and_active_people(admin_client):
    utrecht = LocationFactory(name="Utrecht", address="Stationsplein 1, Utrecht")
    LocationFactory(name="Zwolle")
    PersonFactory.create_batch(3, location=utrecht)
    PersonFactory(location=utrecht, is_active=False)

    response = admin_client.get(ORGANISATION_URL)

    locations = list(response.context["locations"])
    assert [(loc.name, loc.people_count) for loc in locations] == [("Utrecht", 3), ("Zwolle", 0)]
    page = response.content.decode()
    assert "Stationsplein 1, Utrecht" in page
    assert f'href="{location_url(utrecht)}"' in page


def test_an_empty_organisation_says_so(admin_client):
    page = admin_client.get(ORGANISATION_URL).content.decode()
    assert "There are no departments yet." in page
    assert "There are no locations yet." in page


def _grow_organisation(size: int) -> None:
    parent = None
    for number in range(size):
        department = DepartmentFactory(parent=parent if number % 3 else None)
        location = LocationFactory()
        PersonFactory(department=department, location=location)
        parent = department


def test_the_overview_takes_the_same_number_of_queries_however_large(
    admin_client, django_assert_num_queries
):
    _grow_organisation(3)
    admin_client.get(ORGANISATION_URL)  # sessions and caches warmed up
    # Session, user, the user's and their groups' permissions, departments, locations, and the
    # unread notifications for the bell.
    with django_assert_num_queries(7):
        small = admin_client.get(ORGANISATION_URL)
    _grow_organisation(30)
    with django_assert_num_queries(7):
        large = admin_client.get(ORGANISATION_URL)
    assert small.status_code == large.status_code == 200
    assert len(list(large.context["locations"])) == 33


# --- Departments -------------------------------------------------------------------------------


def test_adding_a_department(admin_client):
    council = DepartmentFactory(name="Gemeente")

    response = admin_client.post(
        ADD_DEPARTMENT_URL, {"name": "  Burger   zaken ", "parent": council.pk, "code": " BZ "}
    )

    department = Department.objects.get(name="Burger zaken")
    assert response.status_code == 302
    assert response["Location"] == f"{ORGANISATION_URL}#department-{department.pk}"
    assert department.parent == council
    assert department.code == "BZ"
    page = admin_client.get(response["Location"]).content.decode()
    assert "The department Burger zaken has been saved." in page


def test_a_department_without_a_code_gets_none_so_codes_stay_unique(admin_client):
    admin_client.post(ADD_DEPARTMENT_URL, {"name": "Raad", "parent": "", "code": ""})
    admin_client.post(ADD_DEPARTMENT_URL, {"name": "Griffie", "parent": "", "code": "  "})
    assert list(Department.objects.values_list("name", "parent", "code")) == [
        ("Griffie", None, None),
        ("Raad", None, None),
    ]


def test_add_from_a_parent_preselects_it(admin_client):
    council = DepartmentFactory(name="Gemeente")
    response = admin_client.get(ADD_DEPARTMENT_URL, {"parent": council.pk})
    assert f'<option value="{council.pk}" selected>' in response.content.decode()


def test_a_name_must_be_unique_among_its_siblings_whatever_its_case(admin_client):
    council = DepartmentFactory(name="Gemeente")
    DepartmentFactory(name="Burgerzaken", parent=council)
    DepartmentFactory(name="Burgerzaken")  # the same name elsewhere is fine

    response = admin_client.post(
        ADD_DEPARTMENT_URL, {"name": "BURGERZAKEN", "parent": council.pk, "code": "X1"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "Gemeente already has a department called BURGERZAKEN."
    ]
    page = response.content.decode()
    assert 'value="BURGERZAKEN"' in page  # what was typed is still there
    assert 'value="X1"' in page
    assert not Department.objects.filter(code="X1").exists()
    assert admin_client.post(
        ADD_DEPARTMENT_URL, {"name": "Burgerzaken", "parent": "", "code": ""}
    ).context["form"].errors["name"] == [
        "There already is a top-level department called Burgerzaken."
    ]


def test_a_code_must_be_unique(admin_client):
    DepartmentFactory(name="Financiën", code="FIN")
    response = admin_client.post(ADD_DEPARTMENT_URL, {"name": "Inkoop", "code": "FIN"})
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [
        "Code FIN already belongs to the department Financiën."
    ]
    assert Department.objects.count() == 1


def test_a_name_is_required_and_limited_in_length(admin_client):
    response = admin_client.post(ADD_DEPARTMENT_URL, {"name": " ", "code": "C"})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    response = admin_client.post(ADD_DEPARTMENT_URL, {"name": "x" * 151})
    assert response.status_code == 400
    assert Department.objects.count() == 0


def test_a_race_on_uniqueness_becomes_a_message_not_an_error_page(admin_client, monkeypatch):
    DepartmentFactory(name="Financiën", code="FIN")
    # As if someone else saved the same code between the check and the save.
    monkeypatch.setattr(services, "department_problems", lambda department: {})

    response = admin_client.post(ADD_DEPARTMENT_URL, {"name": "Inkoop", "code": "FIN"})

    assert response.status_code == 400
    assert "Someone else has just saved something with the same" in response.content.decode()
    assert Department.objects.count() == 1


def test_renaming_and_moving_a_department(admin_client):
    council = DepartmentFactory(name="Gemeente")
    civil = DepartmentFactory(name="Burgerzaken", code="BZ")

    page = admin_client.get(edit_url(civil)).content.decode()
    assert 'value="Burgerzaken"' in page
    assert 'value="BZ"' in page

    response = admin_client.post(
        edit_url(civil), {"name": "Publiekszaken", "parent": council.pk, "code": "PZ"}
    )

    assert response.status_code == 302
    civil.refresh_from_db()
    assert (civil.name, civil.parent, civil.code) == ("Publiekszaken", council, "PZ")


def test_keeping_its_own_name_and_code_is_not_a_conflict(admin_client):
    civil = DepartmentFactory(name="Burgerzaken", code="BZ")
    response = admin_client.post(edit_url(civil), {"name": "Burgerzaken", "code": "BZ"})
    assert response.status_code == 302


def test_the_parent_list_leaves_out_the_department_and_everything_below_it(admin_client):
    council = DepartmentFactory(name="Gemeente")
    civil = DepartmentFactory(name="Burgerzaken", parent=council)
    passports = DepartmentFactory(name="Paspoorten", parent=civil)
    other = DepartmentFactory(name="Raad")

    form = admin_client.get(edit_url(civil)).context["form"]

    assert set(form.fields["parent"].queryset) == {council, other}
    for forged in (civil, passports):
        response = admin_client.post(edit_url(civil), {"name": "Burgerzaken", "parent": forged.pk})
        assert response.status_code == 400
        assert "parent" in response.context["form"].errors
    civil.refresh_from_db()
    assert civil.parent == council


def test_the_service_refuses_a_department_below_itself():
    council = DepartmentFactory(name="Gemeente")
    civil = DepartmentFactory(name="Burgerzaken", parent=council)
    passports = DepartmentFactory(name="Paspoorten", parent=civil)

    with pytest.raises(ValidationError) as below:
        services.department_update(department=council, name="Gemeente", parent=passports, code="")
    with pytest.raises(ValidationError) as itself:
        services.department_update(department=council, name="Gemeente", parent=council, code="")

    assert below.value.message_dict["parent"] == [
        "Paspoorten is part of Gemeente, so Gemeente cannot be part of it."
    ]
    assert itself.value.message_dict["parent"] == ["A department cannot be part of itself."]
    council.refresh_from_db()
    assert council.parent is None


def test_an_unknown_department_is_404(admin_client):
    assert admin_client.get(reverse("manage:department_edit", args=[999])).status_code == 404
    assert admin_client.post(reverse("manage:department_delete", args=[999])).status_code == 404


def test_deleting_an_empty_department(admin_client):
    civil = DepartmentFactory(name="Burgerzaken")
    leaver = PersonFactory(department=civil, is_active=False)

    page = admin_client.get(edit_url(civil)).content.decode()
    assert f'action="{delete_url(civil)}"' in page
    assert "1 deactivated account still has this department" in page

    assert admin_client.get(delete_url(civil)).status_code == 405
    response = admin_client.post(delete_url(civil), follow=True)

    assert not Department.objects.filter(pk=civil.pk).exists()
    assert "The department Burgerzaken has been deleted." in messages_of(response)
    leaver.refresh_from_db()
    assert leaver.department is None


def test_a_department_with_people_or_sub_departments_is_not_deleted(admin_client):
    council = DepartmentFactory(name="Gemeente")
    DepartmentFactory(name="Burgerzaken", parent=council)
    DepartmentFactory(name="Raad", parent=council)
    PersonFactory(department=council)

    page = admin_client.get(edit_url(council)).content.decode()
    assert f'action="{delete_url(council)}"' not in page
    assert "1 person is still in it" in page
    assert "It has 2 sub-departments" in page

    response = admin_client.post(delete_url(council), follow=True)

    assert Department.objects.filter(pk=council.pk).exists()
    assert response.redirect_chain[-1][0] == edit_url(council)
    assert messages_of(response) == [
        "Gemeente cannot be deleted because 1 person is still in it. Move them to another "
        "department first.",
        "Gemeente cannot be deleted because it still has 2 sub-departments. Delete them or make "
        "them part of another department first.",
    ]


# --- Locations ---------------------------------------------------------------------------------


def test_adding_editing_and_deleting_a_location(admin_client):
    response = admin_client.post(
        ADD_LOCATION_URL, {"name": " Utrecht ", "address": "Stationsplein 1,  Utrecht"}
    )
    utrecht = Location.objects.get()
    assert response["Location"] == f"{ORGANISATION_URL}#location-{utrecht.pk}"
    assert (utrecht.name, utrecht.address) == ("Utrecht", "Stationsplein 1, Utrecht")

    page = admin_client.get(location_url(utrecht)).content.decode()
    assert 'value="Stationsplein 1, Utrecht"' in page
    admin_client.post(location_url(utrecht), {"name": "Utrecht Centraal", "address": ""})
    utrecht.refresh_from_db()
    assert (utrecht.name, utrecht.address) == ("Utrecht Centraal", "")

    assert admin_client.get(location_delete_url(utrecht)).status_code == 405
    response = admin_client.post(location_delete_url(utrecht), follow=True)
    assert not Location.objects.exists()
    assert "The location Utrecht Centraal has been deleted." in messages_of(response)


def test_a_location_name_must_be_unique_whatever_its_case(admin_client):
    LocationFactory(name="Utrecht")
    zwolle = LocationFactory(name="Zwolle")

    response = admin_client.post(ADD_LOCATION_URL, {"name": "UTRECHT", "address": "Plein 1"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "There already is a location called UTRECHT."
    ]
    assert 'value="Plein 1"' in response.content.decode()

    response = admin_client.post(location_url(zwolle), {"name": "utrecht", "address": ""})
    assert response.status_code == 400
    zwolle.refresh_from_db()
    assert zwolle.name == "Zwolle"


def test_a_location_where_people_work_is_not_deleted(admin_client):
    utrecht = LocationFactory(name="Utrecht")
    PersonFactory.create_batch(2, location=utrecht)

    page = admin_client.get(location_url(utrecht)).content.decode()
    assert f'action="{location_delete_url(utrecht)}"' not in page
    assert "2 active people still work there" in page

    response = admin_client.post(location_delete_url(utrecht), follow=True)

    assert Location.objects.filter(pk=utrecht.pk).exists()
    assert messages_of(response) == [
        "Utrecht cannot be deleted because 2 people still work there. Give them another "
        "location first."
    ]


def test_deleting_a_location_clears_it_for_deactivated_people(admin_client):
    utrecht = LocationFactory(name="Utrecht")
    leaver = PersonFactory(location=utrecht, is_active=False)
    admin_client.post(location_delete_url(utrecht))
    leaver.refresh_from_db()
    assert leaver.location is None
