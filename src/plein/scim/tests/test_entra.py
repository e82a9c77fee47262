"""The requests Entra ID's provisioning service sends, in its own shapes: matching by userName
and externalId, paging, POST with the enterprise extension, PATCH with capitalised ops, Groups
with members added and removed. And who may talk to /scim/v2/ at all."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from plein.accounts.tokens.services import token_create, token_revoke
from plein.people.models import Department, Person
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory
from plein.scim.models import ProvisionedPerson
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def entra_user(user_name: str, number: str, **enterprise: object) -> dict[str, object]:
    """A POST /Users as Entra ID sends it with its default attribute mappings."""
    return {
        "schemas": [USER, ENTERPRISE],
        "externalId": user_name.split("@")[0],
        "userName": user_name,
        "active": True,
        "displayName": "Fenna de Vries",
        "emails": [{"primary": True, "type": "work", "value": user_name}],
        "meta": {"resourceType": "User"},
        "name": {"formatted": "Fenna de Vries", "familyName": "de Vries", "givenName": "Fenna"},
        "title": "Adviseur",
        ENTERPRISE: {"employeeNumber": number, **enterprise},
    }


# --- Who may talk to /scim/v2/ -----------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [None, "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer "],
)
def test_without_a_usable_scim_token_the_answer_is_401_in_scim_form(
    client: Client, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.get("/scim/v2/Users", headers=headers)
    assert response.status_code == 401
    assert response.json()["schemas"] == [ERROR]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_without_the_scim_scope_or_a_revoked_one_gets_401(client: Client) -> None:
    administrator = PersonFactory(roles=["administrator"])
    client.force_login(administrator)  # a session does not count either
    reader = token_create(
        actor=administrator, name="API", scopes=["read"], kind="application", person=administrator
    )
    scim = token_create(actor=administrator, name="Entra ID", scopes=["scim"], kind="application")
    token_revoke(actor=administrator, token=scim.token)
    for raw in (reader.raw, scim.raw):
        response = client.get("/scim/v2/Users", headers={"Authorization": f"Bearer {raw}"})
        assert response.status_code == 401


def test_a_scim_token_writes_without_csrf_or_session(scim_token: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/scim/v2/Users",
        json.dumps(entra_user("fenna@example.org", "1001")),
        content_type="application/scim+json",
        headers={"Authorization": f"Bearer {scim_token}"},
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "application/scim+json"


# --- Users -------------------------------------------------------------------------------------


def test_entra_finds_people_already_in_plein_by_username_and_externalid(scim) -> None:  # type: ignore[no-untyped-def]
    hr = PersonFactory(email="jan@example.org", employee_number="1001")
    PersonFactory(email="other@example.org")
    found = scim.get("/Users", filter='userName eq "JAN@example.org"').json()
    assert found["totalResults"] == 1
    assert found["Resources"][0]["id"] == str(hr.pk)
    assert found["Resources"][0][ENTERPRISE]["employeeNumber"] == "1001"
    created = scim.post("/Users", entra_user("fenna@example.org", "1002")).json()
    by_external = scim.get("/Users", filter='externalId eq "fenna"').json()
    assert [r["id"] for r in by_external["Resources"]] == [created["id"]]
    assert scim.get("/Users", filter='externalId eq "nobody"').json()["totalResults"] == 0


def test_users_are_paged_with_startindex_and_count(scim) -> None:  # type: ignore[no-untyped-def]
    PersonFactory.create_batch(4)  # five people with the token's administrator
    first = scim.get("/Users", startIndex="1", count="2").json()
    rest = scim.get("/Users", startIndex="3", count="10").json()
    assert (first["totalResults"], first["itemsPerPage"], first["startIndex"]) == (5, 2, 1)
    assert rest["itemsPerPage"] == 3
    ids = [r["id"] for r in first["Resources"] + rest["Resources"]]
    assert sorted(ids, key=int) == ids and len(set(ids)) == 5
    assert scim.get("/Users", count="0").json()["Resources"] == []


def test_post_with_the_enterprise_extension_creates_the_person_by_the_hr_rules(
    scim, caplog
) -> None:  # type: ignore[no-untyped-def]
    boss = PersonFactory(employee_number="900")
    everyone = SpaceFactory(is_default_for_everyone=True)
    caplog.set_level(logging.INFO, logger="plein.scim")
    response = scim.post(
        "/Users",
        entra_user(
            "Fenna@Example.org",
            "1001",
            department="Sales > Noord",
            manager={"value": str(boss.pk)},
        ),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert response["Location"].endswith(f"/scim/v2/Users/{person.pk}")
    assert (person.email, person.employee_number, person.job_title) == (
        "fenna@example.org",
        "1001",
        "Adviseur",
    )
    assert (person.first_name, person.name_prefix, person.last_name) == ("Fenna", "", "de Vries")
    assert person.department.name == "Noord" and person.department.parent.name == "Sales"
    assert person.manager == boss and not person.has_usable_password()
    assert body["userName"] == "Fenna@Example.org" and body["externalId"] == "Fenna"
    assert body[ENTERPRISE]["manager"]["value"] == str(boss.pk)
    # Default spaces follow, as after the HR import.
    assert Membership.objects.filter(space=everyone, person=person).exists()
    assert f"created person {person.pk}" in caplog.text


def test_post_of_someone_hr_already_imported_takes_them_over(scim) -> None:  # type: ignore[no-untyped-def]
    hr = PersonFactory(
        email="f.devries@example.org", employee_number="1001", name_prefix="de", last_name="Vries"
    )
    response = scim.post("/Users", entra_user("fenna@example.org", "1001"))
    assert response.status_code == 201
    assert response.json()["id"] == str(hr.pk)
    hr.refresh_from_db()
    # The family name "de Vries" is HR's prefix and last name: they stay apart.
    assert (hr.email, hr.name_prefix, hr.last_name) == ("fenna@example.org", "de", "Vries")
    assert Person.objects.filter(employee_number="1001").count() == 1
    again = scim.post("/Users", entra_user("fenna@example.org", "1001"))
    assert again.status_code == 409 and again.json()["scimType"] == "uniqueness"


def test_patch_in_entra_shapes(scim) -> None:  # type: ignore[no-untyped-def]
    boss = PersonFactory()
    pk = scim.post("/Users", entra_user("fenna@example.org", "1001")).json()["id"]
    response = scim.patch(
        f"/Users/{pk}",
        {"op": "Replace", "path": "title", "value": "Teamleider"},
        {"op": "Add", "path": 'emails[type eq "work"].value', "value": "fenna.devries@example.org"},
        {"op": "Add", "path": 'phoneNumbers[type eq "work"].value', "value": "+31 6 1234 5678"},
        {"op": "Replace", "path": f"{ENTERPRISE}:manager", "value": str(boss.pk)},
        {"op": "Replace", "value": {"name.givenName": "Fen", f"{ENTERPRISE}:department": "Inkoop"}},
    )
    assert response.status_code == 200, response.content
    person = Person.objects.get(pk=pk)
    assert (person.job_title, person.email, person.phone) == (
        "Teamleider",
        "fenna.devries@example.org",
        "+31 6 1234 5678",
    )
    assert (person.first_name, person.manager, person.department.name) == ("Fen", boss, "Inkoop")
    assert response.json()[ENTERPRISE]["department"] == "Inkoop"
    scim.patch(f"/Users/{pk}", {"op": "Remove", "path": f"{ENTERPRISE}:manager"})
    person.refresh_from_db()
    assert person.manager is None and person.employee_number == "1001"


def test_active_false_deactivates_and_true_reactivates_and_nothing_is_deleted(scim) -> None:  # type: ignore[no-untyped-def]
    pk = scim.post("/Users", entra_user("fenna@example.org", "1001")).json()["id"]
    PostFactory(author_id=pk)
    response = scim.patch(f"/Users/{pk}", {"op": "Replace", "path": "active", "value": "False"})
    assert response.json()["active"] is False
    person = Person.objects.get(pk=pk)
    assert not person.is_active and person.deactivated_at is not None
    scim.patch(f"/Users/{pk}", {"op": "Replace", "value": {"active": True}})
    person.refresh_from_db()
    assert person.is_active and Post.objects.filter(author=person).count() == 1


def test_delete_deactivates_hides_and_a_new_post_takes_the_person_back(scim) -> None:  # type: ignore[no-untyped-def]
    pk = scim.post("/Users", entra_user("fenna@example.org", "1001")).json()["id"]
    PostFactory(author_id=pk)
    assert scim.delete(f"/Users/{pk}").status_code == 204
    person = Person.objects.get(pk=pk)  # still there
    assert not person.is_active and Post.objects.filter(author=person).exists()
    assert scim.get(f"/Users/{pk}").status_code == 404
    assert scim.get("/Users", filter='userName eq "fenna@example.org"').json()["totalResults"] == 0
    without_active = entra_user("fenna@example.org", "1001")
    del without_active["active"]  # counts as true
    again = scim.post("/Users", without_active)
    assert again.status_code == 201 and again.json()["id"] == pk
    person.refresh_from_db()
    assert person.is_active and ProvisionedPerson.objects.get(person=person).removed_at is None


def test_bad_requests_get_scim_errors(scim) -> None:  # type: ignore[no-untyped-def]
    administrator = Person.objects.get()  # the token's maker, the only administrator
    bad_filter = scim.get("/Users", filter='nickName eq "x"')
    assert (bad_filter.status_code, bad_filter.json()["scimType"]) == (400, "invalidFilter")
    unknown_manager = scim.post(
        "/Users", entra_user("a@example.org", "1", manager={"value": "999"})
    )
    assert unknown_manager.status_code == 400 and "999" in unknown_manager.json()["detail"]
    last_admin = scim.patch(
        f"/Users/{administrator.pk}", {"op": "Replace", "path": "active", "value": False}
    )
    assert last_admin.status_code == 400 and "administrator" in last_admin.json()["detail"]
    assert Person.objects.get().is_active
    assert scim.get("/Users/abc").status_code == 404


def test_an_unexpected_failure_is_a_scim_error_too(scim, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr("plein.scim.views.provisioned_people", broken)
    response = scim.get("/Users")
    assert response.status_code == 500
    assert response.json()["schemas"] == [ERROR]
    assert "fire" not in response.json()["detail"]


# --- Groups: departments -----------------------------------------------------------------------


def test_groups_are_departments_found_by_displayname_with_members_left_out(scim) -> None:  # type: ignore[no-untyped-def]
    sales = DepartmentFactory(name="Sales", code="S1")
    PersonFactory(department=sales)
    DepartmentFactory(name="Inkoop")
    response = scim.get("/Groups", filter='displayName eq "sales"', excludedAttributes="members")
    groups = response.json()["Resources"]
    assert [(g["id"], g["displayName"], g["externalId"]) for g in groups] == [
        (f"d{sales.pk}", "Sales", "S1")
    ]
    assert "members" not in groups[0]
    full = scim.get(f"/Groups/d{sales.pk}").json()
    assert len(full["members"]) == 1


def test_group_members_are_added_and_removed_as_entra_sends_them(scim) -> None:  # type: ignore[no-untyped-def]
    group = scim.post(
        "/Groups",
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "Sales",
            "externalId": "S1",
            "members": [],
        },
    )
    assert group.status_code == 201
    gid = group.json()["id"]
    assert gid.startswith("d")  # never the id of a user
    pk = int(gid[1:])
    anna, bert = PersonFactory(), PersonFactory()
    add = scim.patch(
        f"/Groups/{gid}",
        {
            "op": "Add",
            "path": "members",
            "value": [{"value": str(anna.pk)}, {"value": str(bert.pk)}],
        },
    )
    assert add.status_code == 200
    assert set(Department.objects.get(pk=pk).members.values_list("pk", flat=True)) == {
        anna.pk,
        bert.pk,
    }
    scim.patch(
        f"/Groups/{gid}", {"op": "Remove", "path": "members", "value": [{"value": str(anna.pk)}]}
    )
    scim.patch(f"/Groups/{gid}", {"op": "Remove", "path": f'members[value eq "{bert.pk}"]'})
    anna.refresh_from_db()
    bert.refresh_from_db()
    assert anna.department is None and bert.department is None
    scim.patch(f"/Groups/{gid}", {"op": "Replace", "path": "displayName", "value": "Verkoop"})
    assert Department.objects.get(pk=pk).name == "Verkoop"
    assert scim.delete(f"/Groups/{gid}").status_code == 204
    assert not Department.objects.filter(pk=pk).exists()


def test_with_groups_as_spaces_members_join_and_leave_and_delete_keeps_the_space(
    scim, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_SCIM_GROUPS = "spaces"
    existing = SpaceFactory(name="Fietsclub")
    found = scim.get("/Groups", filter='displayName eq "fietsclub"', excludedAttributes="members")
    assert [g["id"] for g in found.json()["Resources"]] == [f"s{existing.pk}"]
    anna, bert = PersonFactory(), PersonFactory()
    group = scim.post("/Groups", {"schemas": [GROUP], "displayName": "Projectteam Noord"})
    assert group.status_code == 201
    gid = group.json()["id"]
    space = Space.objects.get(pk=int(gid.removeprefix("s")))
    assert space.kind == Space.Kind.CLOSED
    scim.patch(
        f"/Groups/{gid}",
        {
            "op": "Add",
            "path": "members",
            "value": [{"value": str(anna.pk)}, {"value": str(bert.pk)}],
        },
    )
    scim.patch(
        f"/Groups/{gid}", {"op": "Remove", "path": "members", "value": [{"value": str(anna.pk)}]}
    )
    states = dict(Membership.objects.filter(space=space).values_list("person_id", "state"))
    assert states == {anna.pk: "removed", bert.pk: "member"}
    PostFactory(space=space, author=bert)
    assert scim.delete(f"/Groups/{gid}").status_code == 204
    assert scim.get(f"/Groups/{gid}").status_code == 404
    assert Space.objects.filter(pk=space.pk).exists() and Post.objects.filter(space=space).exists()


# --- Discovery ---------------------------------------------------------------------------------


def test_discovery_documents(scim) -> None:  # type: ignore[no-untyped-def]
    config = scim.get("/ServiceProviderConfig").json()
    assert config["patch"]["supported"] and config["filter"]["supported"]
    assert not config["bulk"]["supported"]
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"
    schemas = {s["id"] for s in scim.get("/Schemas").json()["Resources"]}
    assert {USER, ENTERPRISE, "urn:ietf:params:scim:schemas:core:2.0:Group"} == schemas
    user_type = scim.get("/ResourceTypes/User").json()
    assert user_type["endpoint"] == "/Users"
    assert user_type["schemaExtensions"] == [{"schema": ENTERPRISE, "required": False}]
