import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plein.accounts import services
from plein.accounts.forms import ImportPeopleForm
from plein.people.models import Person
from plein.people.tests.factories import DEFAULT_PASSWORD, DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE_URL = reverse("manage:people")
IMPORT_URL = reverse("manage:import_people")


def person_url(person: Person) -> str:
    return reverse("manage:person", args=[person.pk])


def roles_of(person: Person) -> set[str]:
    return set(person.groups.values_list("name", flat=True))


@pytest.fixture
def superuser(db):  # type: ignore[no-untyped-def]
    # Has every permission without having the administrator role: handy to test that role's rules.
    return PersonFactory(email="root@example.org", is_superuser=True, is_staff=True)


# --- Who may use these screens -----------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["people", "person", "import_people"])
def test_an_employee_gets_403(logged_in_client, person, url_name):
    args = [person.pk] if url_name == "person" else []
    url = reverse(f"manage:{url_name}", args=args)
    assert logged_in_client.get(url).status_code == 403
    assert logged_in_client.post(url, {"action": "deactivate"}).status_code == 403


@pytest.mark.parametrize("url_name", ["people", "person", "import_people"])
def test_a_community_manager_gets_403(client, community_manager, person, url_name):
    client.force_login(community_manager)
    args = [person.pk] if url_name == "person" else []
    url = reverse(f"manage:{url_name}", args=args)
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "roles", "roles": ["administrator"]}).status_code == 403
    assert roles_of(person) == set()


def test_anonymous_visitors_are_sent_to_the_login_page(client, person):
    for url in (PEOPLE_URL, person_url(person), IMPORT_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_an_administrator_sees_the_screens_and_the_management_area_links_to_them(admin_client):
    assert admin_client.get(PEOPLE_URL).status_code == 200
    assert admin_client.get(IMPORT_URL).status_code == 200
    manage = admin_client.get(reverse("core:manage")).content.decode()
    assert PEOPLE_URL in manage
    assert IMPORT_URL in manage


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_everyone_with_department_roles_and_status(admin_client, administrator):
    PersonFactory(
        first_name="Ans",
        last_name="Actief",
        email="ans@example.org",
        department=DepartmentFactory(name="Communicatie"),
        roles=["editor", "community_manager"],
    )
    PersonFactory(first_name="Dirk", last_name="Gestopt", email="dirk@example.org", is_active=False)

    page = admin_client.get(PEOPLE_URL).content.decode()

    assert "Ans Actief" in page
    assert "ans@example.org" in page
    assert "Communicatie" in page
    assert "Editor, Community manager" in page or "Community manager, Editor" in page
    assert "Dirk Gestopt" in page
    assert "Deactivated" in page
    assert "Administrator" in page
    assert f'href="{person_url(administrator)}"' in page
    assert '<th scope="col">' in page


def test_the_list_filters_by_status_role_and_search(admin_client, administrator):
    admin = administrator
    PersonFactory(first_name="Ans", last_name="Actief", email="ans@example.org", roles=["editor"])
    PersonFactory(first_name="Dirk", last_name="Gestopt", email="dirk@example.org", is_active=False)
    PersonFactory(first_name="Els", last_name="de Boer", email="els.boer@example.org")

    def names(**query: str) -> set[str]:
        response = admin_client.get(PEOPLE_URL, query)
        return {person.full_name for person in response.context["page"].object_list}

    assert names(status="deactivated") == {"Dirk Gestopt"}
    assert "Dirk Gestopt" not in names(status="active")
    assert names(role="editor") == {"Ans Actief"}
    assert names(role="administrator") == {admin.full_name}
    assert names(role="none") == {"Dirk Gestopt", "Els de Boer"}
    assert names(status="active", role="none") == {"Els de Boer"}
    assert names(q="els boer") == {"Els de Boer"}
    assert names(q="DIRK@example") == {"Dirk Gestopt"}
    assert names(q="nobody") == set()


def test_the_list_has_50_people_per_page_and_keeps_the_filters(admin_client):
    PersonFactory.create_batch(60, last_name="Zwart")

    first = admin_client.get(PEOPLE_URL, {"q": "zwart"})
    second = admin_client.get(PEOPLE_URL, {"q": "zwart", "page": 2})

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 10
    assert "q=zwart&amp;page=2" in first.content.decode()


def test_the_list_uses_a_fixed_number_of_queries(admin_client, django_assert_num_queries):
    department = DepartmentFactory()
    PersonFactory.create_batch(3, department=department, roles=["editor"])
    admin_client.get(PEOPLE_URL)  # warms the branding cache
    with CaptureQueriesContext(connection) as few:
        admin_client.get(PEOPLE_URL)

    PersonFactory.create_batch(60, department=department, roles=["editor", "community_manager"])
    with django_assert_num_queries(len(few)):
        response = admin_client.get(PEOPLE_URL)
    assert len(response.context["page"].object_list) == 50


# --- Roles -------------------------------------------------------------------------------------


def test_the_person_page_shows_the_role_checkboxes_with_employee_always_on(admin_client, person):
    person.groups.add(Group.objects.get(name="editor"))
    page = admin_client.get(person_url(person)).content.decode()
    assert 'value="employee"' in page
    employee_input = page[
        page.index('value="employee"') - 200 : page.index('value="employee"') + 80
    ]
    assert "disabled" in employee_input and "checked" in employee_input
    assert 'value="editor"' in page and 'value="administrator"' in page
    editor_input = page[page.index('value="editor"') : page.index('value="editor"') + 40]
    assert "checked" in editor_input


def test_giving_and_taking_roles(admin_client, person):
    response = admin_client.post(
        person_url(person), {"action": "roles", "roles": ["editor", "administrator"]}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert roles_of(person) == {"editor", "administrator"}
    assert person.is_staff
    assert person.has_perm("people.manage_roles")
    messages = [str(m) for m in admin_client.get(response["Location"]).context["messages"]]
    assert any("roles" in message for message in messages)

    admin_client.post(person_url(person), {"action": "roles", "roles": ["community_manager"]})

    person = Person.objects.get(pk=person.pk)
    assert roles_of(person) == {"community_manager"}
    assert not person.is_staff
    assert not person.has_perm("people.manage_roles")


def test_groups_that_are_not_roles_are_kept(person, administrator):
    other = Group.objects.create(name="book club")
    person.groups.add(other)
    services.person_set_roles(person=person, roles={"editor"}, actor=administrator)
    assert roles_of(person) == {"editor", "book club"}


def test_a_superuser_keeps_technical_admin_access_without_the_role(administrator):
    root = PersonFactory(is_superuser=True, is_staff=True, roles=["administrator"])
    services.person_set_roles(person=root, roles=set(), actor=administrator)
    root.refresh_from_db()
    assert root.is_staff


def test_unknown_roles_are_refused(admin_client, person):
    response = admin_client.post(person_url(person), {"action": "roles", "roles": ["king"]})
    assert response.status_code == 400
    assert roles_of(person) == set()
    with pytest.raises(ValueError, match="Unknown roles"):
        services.person_set_roles(person=person, roles={"king"}, actor=person)


def test_you_cannot_remove_your_own_administrator_role(admin_client, administrator):
    PersonFactory(roles=["administrator"])  # not the last one: the rule is about yourself

    response = admin_client.post(
        person_url(administrator), {"action": "roles", "roles": ["editor"]}
    )

    assert response.status_code == 400
    assert "cannot remove your own administrator role" in response.content.decode()
    administrator.refresh_from_db()
    assert roles_of(administrator) == {"administrator"}


def test_the_last_active_administrator_keeps_the_role(client, superuser, administrator):
    client.force_login(superuser)

    response = client.post(person_url(administrator), {"action": "roles", "roles": []})

    assert response.status_code == 400
    assert "last active administrator" in response.content.decode()
    assert roles_of(administrator) == {"administrator"}


def test_an_administrator_can_lose_the_role_when_another_one_is_active(
    client, superuser, administrator
):
    PersonFactory(roles=["administrator"])
    client.force_login(superuser)
    client.post(person_url(administrator), {"action": "roles", "roles": []})
    assert roles_of(administrator) == set()


def test_a_deactivated_administrator_does_not_count(superuser, administrator):
    gone = PersonFactory(roles=["administrator"], is_active=False)
    with pytest.raises(ValidationError):
        services.person_set_roles(person=administrator, roles=set(), actor=superuser)
    # Taking the role from a deactivated administrator is fine.
    services.person_set_roles(person=gone, roles=set(), actor=superuser)
    assert roles_of(gone) == set()


# --- Deactivating and reactivating -------------------------------------------------------------


def test_deactivate_and_reactivate(admin_client, person):
    response = admin_client.post(person_url(person), {"action": "deactivate"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert person.deactivated_at is not None
    assert Person.objects.filter(pk=person.pk).exists()
    page = admin_client.get(response["Location"]).content.decode()
    assert "has been deactivated" in page
    assert "Reactivate" in page

    admin_client.post(person_url(person), {"action": "reactivate"})

    person.refresh_from_db()
    assert person.is_active
    assert person.deactivated_at is None


def test_the_deactivate_button_explains_what_happens(admin_client, person):
    page = admin_client.get(person_url(person)).content.decode()
    assert "can no longer log in" in page
    assert 'name="action" value="deactivate"' in page
    assert 'method="post"' in page


def test_a_deactivated_person_cannot_log_in_and_their_sessions_end(client, administrator, person):
    login = reverse("accounts:login")
    client.post(login, {"username": person.email, "password": DEFAULT_PASSWORD})
    assert client.get(reverse("core:home")).status_code == 200

    services.person_deactivate(person=person, actor=administrator)

    # The session they already had no longer logs them in...
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    # ...and logging in again is refused.
    client.logout()
    response = client.post(login, {"username": person.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    # ModelBackend treats an inactive account like a wrong password (nothing is given away).
    assert "do not match" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_you_cannot_deactivate_yourself(admin_client, administrator):
    PersonFactory(roles=["administrator"])

    response = admin_client.post(person_url(administrator), {"action": "deactivate"}, follow=True)

    assert "cannot deactivate your own account" in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active


def test_the_last_active_administrator_cannot_be_deactivated(client, superuser, administrator):
    client.force_login(superuser)

    response = client.post(person_url(administrator), {"action": "deactivate"}, follow=True)

    assert "last active administrator" in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active


def test_an_unknown_action_is_a_bad_request(admin_client, person):
    assert admin_client.post(person_url(person), {"action": "delete"}).status_code == 400
    assert Person.objects.filter(pk=person.pk, is_active=True).exists()


def test_an_unknown_person_is_404(admin_client):
    assert admin_client.get(reverse("manage:person", args=[999999])).status_code == 404


# --- The import screen -------------------------------------------------------------------------

GOOD_CSV = (
    "employee_number;email;first_name;name_prefix;last_name;department;manager_employee_number\n"
    "1;anne@example.org;Anne;;Jansen;Directie;\n"
    "2;bas@example.org;Bas;van;Dijk;Directie > Staf;1\n"
)


def upload(client, content: bytes | str, name: str = "export.csv", **data):  # type: ignore[no-untyped-def]
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content, "text/csv"), **data})


def test_the_import_screen_explains_the_format(admin_client):
    page = admin_client.get(IMPORT_URL).content.decode()
    for column in ("employee_number", "manager_employee_number", "department_code", "active"):
        assert column in page
    assert "Check only, do not import" in page
    assert 'enctype="multipart/form-data"' in page


def test_uploading_a_file_imports_it_and_shows_the_counts(admin_client):
    response = upload(admin_client, GOOD_CSV)

    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.departments_created) == (2, 2)
    page = response.content.decode()
    assert "Import done" in page
    assert Person.objects.get(employee_number="2").manager.email == "anne@example.org"


def test_a_dry_run_shows_the_counts_and_saves_nothing(admin_client):
    response = upload(admin_client, GOOD_CSV, dry_run="on")

    assert response.status_code == 200
    assert response.context["result"].created == 2
    assert "nothing was saved" in response.content.decode()
    assert not Person.objects.filter(employee_number__isnull=False).exists()


def test_the_import_can_send_new_people_the_welcome_email_at_once(  # type: ignore[no-untyped-def]
    admin_client, django_capture_on_commit_callbacks
):
    PersonFactory(employee_number="1", email="anne@example.org")  # already in Plein
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, GOOD_CSV, send_welcome="on")

    assert response.status_code == 200
    assert response.context["result"].welcomed == 1
    assert "Welcome e-mails sent" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["bas@example.org"]]
    assert "http://testserver/account/password/reset/" in mail.outbox[0].body


def test_without_the_option_the_import_sends_no_email(  # type: ignore[no-untyped-def]
    admin_client, django_capture_on_commit_callbacks
):
    page = admin_client.get(IMPORT_URL).content.decode()
    assert re.search(r'<input type="checkbox" name="send_welcome"[^>]*id="id_send_welcome">', page)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, GOOD_CSV)
    assert response.context["result"].welcomed is None
    assert mail.outbox == []


def test_errors_are_listed_with_line_numbers_and_nothing_is_imported(admin_client):
    bad = GOOD_CSV + "3;not-an-email;Cor;;Bos;Directie;\n4;dirk@example.org;;;Dekker;;99\n"

    response = upload(admin_client, bad)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported." in page
    assert response.context["errors"] == [
        (4, "not-an-email is not a valid e-mail address."),
        (5, "first_name is required but empty."),
        (5, "Manager 99 is not in the file and not in Plein."),
    ]
    assert "<td>4</td>" in page and "<td>5</td>" in page
    assert not Person.objects.filter(employee_number__isnull=False).exists()


def test_a_file_that_is_not_csv_gets_a_clear_message(admin_client):
    response = upload(admin_client, b"PK\x03\x04 spreadsheet", name="export.xlsx")
    assert response.status_code == 400
    assert "This is not a CSV file" in response.content.decode()

    response = upload(admin_client, b"PK\x03\x04\x00\x00 spreadsheet", name="export.csv")
    assert response.status_code == 400
    assert "not a CSV file" in response.content.decode()
    assert "Nothing was imported." in response.content.decode()


def test_files_over_10_mb_are_refused(admin_client, monkeypatch):
    assert ImportPeopleForm.MAX_BYTES == 10 * 1024 * 1024
    monkeypatch.setattr(ImportPeopleForm, "MAX_BYTES", 100)
    response = upload(admin_client, GOOD_CSV)
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()
    assert not Person.objects.filter(employee_number__isnull=False).exists()


def test_the_import_cannot_deactivate_the_administrator_running_it(admin_client, administrator):
    PersonFactory(roles=["administrator"])
    administrator.employee_number = "1"
    administrator.save()
    response = upload(
        admin_client,
        f"employee_number,email,first_name,last_name,active\n1,{administrator.email},A,B,nee\n",
    )
    assert response.context["errors"] == [(2, "You cannot deactivate your own account.")]
    administrator.refresh_from_db()
    assert administrator.is_active
