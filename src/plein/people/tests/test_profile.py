"""The profile page and editing your own profile."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plein.people import services
from plein.people.models import Person, Tag
from plein.people.tests.factories import (
    DepartmentFactory,
    LocationFactory,
    PersonFactory,
    TagFactory,
)

EDIT_URL = reverse("people:profile_edit")


def profile_url(person: Person) -> str:
    return reverse("people:profile", args=[person.pk])


def valid_data(**overrides: str) -> dict[str, str]:
    data = {
        "job_title": "Policy advisor",
        "department": "",
        "location": "",
        "phone": "+31 (0)20 123-4567",
        "bio": "I like maps.",
        "skills": "Excel, GIS",
        "interests": "cycling",
    }
    data.update(overrides)
    return data


def names(tags) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(tag.name for tag in tags.all())


# --- The profile page ------------------------------------------------------------------------


def test_profile_shows_everything_about_a_colleague(logged_in_client):  # type: ignore[no-untyped-def]
    top = DepartmentFactory(name="Operations")
    department = DepartmentFactory(name="Logistics", parent=top)
    manager = PersonFactory(first_name="Mona", last_name="Manager")
    colleague = PersonFactory(
        first_name="Carla",
        name_prefix="de",
        last_name="Colleague",
        email="carla@example.org",
        job_title="Planner",
        department=department,
        location=LocationFactory(name="Utrecht"),
        manager=manager,
        phone="+31 (20) 123-4567",
        bio="First line\nsecond <script>alert(1)</script>\n\nNew paragraph",
    )
    report = PersonFactory(first_name="Rick", last_name="Report", manager=colleague)
    PersonFactory(first_name="Gone", last_name="Report", manager=colleague, is_active=False)
    skill = TagFactory(name="Forklift")
    interest = TagFactory(name="Chess")
    colleague.skills.add(skill)
    colleague.interests.add(interest)

    response = logged_in_client.get(profile_url(colleague))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Carla de Colleague</h1>" in html
    assert "Planner" in html
    assert f'<a href="/people/?department={top.pk}">Operations</a>' in html
    assert f'<a href="/people/?department={department.pk}">Logistics</a>' in html
    assert "Utrecht" in html
    assert f'<a href="{profile_url(manager)}">Mona Manager</a>' in html
    assert f'<a href="{profile_url(report)}">Rick Report</a>' in html
    assert "Gone Report" not in html
    assert '<a href="mailto:carla@example.org">carla@example.org</a>' in html
    assert '<a href="tel:+31201234567">+31 (20) 123-4567</a>' in html
    assert "<p>First line<br>second &lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "<p>New paragraph</p>" in html
    assert "<script>alert(1)" not in html
    assert f'href="/people/?skill={skill.pk}">Forklift</a>' in html
    assert f'href="/people/?skill={interest.pk}">Chess</a>' in html
    # Not your own profile: no completeness box, no edit button.
    assert "complete." not in html
    assert EDIT_URL not in re.sub(r'<details class="user-menu">.*?</details>', "", html, flags=re.S)


def test_own_profile_shows_completeness_and_edit_button(logged_in_client, person):  # type: ignore[no-untyped-def]
    person.job_title = "Tester"
    person.save()

    html = logged_in_client.get(profile_url(person)).content.decode()

    assert "Your profile is 12% complete." in html
    assert f'<a class="button" href="{EDIT_URL}">Edit profile</a>' in html
    assert f'href="{EDIT_URL}#id_photo"' in html
    assert f'href="{EDIT_URL}#id_job_title"' not in html


def test_inactive_manager_is_not_shown_to_employees(logged_in_client):  # type: ignore[no-untyped-def]
    manager = PersonFactory(first_name="Mona", last_name="Manager", is_active=False)
    colleague = PersonFactory(manager=manager)

    html = logged_in_client.get(profile_url(colleague)).content.decode()

    assert "Mona Manager" not in html


def test_deactivated_profile_is_not_found_for_employees(logged_in_client):  # type: ignore[no-untyped-def]
    gone = PersonFactory(is_active=False)

    assert logged_in_client.get(profile_url(gone)).status_code == 404


def test_administrators_can_see_a_deactivated_profile(client, administrator):  # type: ignore[no-untyped-def]
    gone = PersonFactory(first_name="Gina", last_name="Gone", is_active=False)
    client.force_login(administrator)

    response = client.get(profile_url(gone))

    assert response.status_code == 200
    assert "This account has been deactivated." in response.content.decode()


def test_unknown_profile_is_not_found(logged_in_client):  # type: ignore[no-untyped-def]
    assert logged_in_client.get(reverse("people:profile", args=[999999])).status_code == 404


def test_profile_needs_login(client, person):  # type: ignore[no-untyped-def]
    response = client.get(profile_url(person))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- Editing your profile --------------------------------------------------------------------


def test_edit_form_is_filled_in_and_has_the_expected_fields(logged_in_client, person):  # type: ignore[no-untyped-def]
    top = DepartmentFactory(name="Operations")
    department = DepartmentFactory(name="Logistics", parent=top)
    person.job_title = "Planner"
    person.department = department
    person.save()
    person.skills.add(TagFactory(name="Excel"), TagFactory(name="GIS"))

    html = logged_in_client.get(EDIT_URL).content.decode()

    for field in ("photo", "job_title", "department", "location", "phone", "bio", "skills"):
        assert f'id="id_{field}"' in html
        assert f'<label for="id_{field}">' in html
    assert 'id="id_interests"' in html
    assert 'name="language"' not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert re.search(r'<input type="file" name="photo" accept="[^"]*image/heic', html)
    assert 'value="Planner"' in html
    assert 'value="Excel, GIS"' in html
    assert f'<option value="{department.pk}" selected>— Logistics</option>' in html


def test_edit_saves_the_profile(logged_in_client, person):  # type: ignore[no-untyped-def]
    department = DepartmentFactory()
    location = LocationFactory()

    response = logged_in_client.post(
        EDIT_URL,
        valid_data(
            department=str(department.pk),
            location=str(location.pk),
            skills=" Excel ,GIS,, excel ",
            interests="Cycling,  board   games",
        ),
        follow=True,
    )

    assert response.redirect_chain == [(profile_url(person), 302)]
    assert "Your profile has been saved." in response.content.decode()
    person.refresh_from_db()
    assert person.job_title == "Policy advisor"
    assert person.department == department
    assert person.location == location
    assert person.phone == "+31 (0)20 123-4567"
    assert person.bio == "I like maps."
    assert names(person.skills) == ["Excel", "GIS"]
    assert names(person.interests) == ["Cycling", "board games"]


def test_edit_can_empty_everything(logged_in_client, person):  # type: ignore[no-untyped-def]
    person.job_title = "Planner"
    person.department = DepartmentFactory()
    person.save()
    person.skills.add(TagFactory(name="Excel"))

    logged_in_client.post(
        EDIT_URL, valid_data(job_title="", phone="", bio="", skills="", interests="")
    )

    person.refresh_from_db()
    assert person.job_title == ""
    assert person.department is None
    assert person.skills.count() == 0
    assert Tag.objects.filter(name="Excel").exists()  # the tag stays for others


def test_edit_reuses_existing_tags_whatever_their_case(logged_in_client, person):  # type: ignore[no-untyped-def]
    excel = TagFactory(name="Excel")

    logged_in_client.post(EDIT_URL, valid_data(skills="EXCEL, gis", interests="excel"))

    person.refresh_from_db()
    assert list(person.skills.filter(name__iexact="excel")) == [excel]
    assert list(person.interests.all()) == [excel]
    assert Tag.objects.filter(name__iexact="excel").count() == 1
    assert Tag.objects.filter(name__iexact="gis").count() == 1


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("call me", "Use only digits"),
        ("020-1234567 ext. 5", "Use only digits"),
        ("12345", "this one has 5"),
        ("+1 234 567 890 123 456 789 01", "this one has 21"),
    ],
)
def test_edit_rejects_bad_phone_numbers_and_keeps_what_was_typed(  # type: ignore[no-untyped-def]
    logged_in_client, person, phone, message
):
    person.job_title = "Old title"
    person.save()

    response = logged_in_client.post(
        EDIT_URL, valid_data(phone=phone, job_title="New title", skills="Brand new skill")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the errors below" in html
    assert message in html
    assert 'value="New title"' in html
    assert 'value="Brand new skill"' in html
    person.refresh_from_db()
    assert person.job_title == "Old title"
    assert person.phone == ""
    assert not Tag.objects.filter(name="Brand new skill").exists()


@pytest.mark.parametrize(
    "phone",
    ["0612345678", "+31 6 1234 5678", "(020) 123-45-67", "123456", "+1 234 567 890 123 456 789 0"],
)
def test_edit_accepts_good_phone_numbers(logged_in_client, person, phone):  # type: ignore[no-untyped-def]
    response = logged_in_client.post(EDIT_URL, valid_data(phone=phone))

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == phone


def test_edit_rejects_too_many_tags(logged_in_client, person):  # type: ignore[no-untyped-def]
    skills = ", ".join(f"Skill {n}" for n in range(21))

    response = logged_in_client.post(EDIT_URL, valid_data(skills=skills))

    assert response.status_code == 200
    assert "at most 20; you entered 21" in response.content.decode()
    assert person.skills.count() == 0
    assert not Tag.objects.exists()


def test_edit_accepts_twenty_tags(logged_in_client, person):  # type: ignore[no-untyped-def]
    skills = ", ".join(f"Skill {n}" for n in range(20))

    assert logged_in_client.post(EDIT_URL, valid_data(skills=skills)).status_code == 302
    assert person.skills.count() == 20


def test_edit_rejects_too_long_tags(logged_in_client, person):  # type: ignore[no-untyped-def]
    too_long = "x" * 61

    response = logged_in_client.post(EDIT_URL, valid_data(interests=f"chess, {too_long}"))

    assert response.status_code == 200
    assert f"Too long: {too_long}" in response.content.decode()
    assert not Tag.objects.exists()


def test_edit_rejects_an_unknown_department(logged_in_client, person):  # type: ignore[no-untyped-def]
    response = logged_in_client.post(EDIT_URL, valid_data(department="999999"))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    person.refresh_from_db()
    assert person.job_title == ""


def test_edit_needs_login(client, db):  # type: ignore[no-untyped-def]
    response = client.post(EDIT_URL, valid_data())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- Services --------------------------------------------------------------------------------


def test_tags_get_or_create_trims_and_dedups_case_insensitively(db):  # type: ignore[no-untyped-def]
    existing = TagFactory(name="Project management")

    tags = services.tags_get_or_create(
        names=["  project   MANAGEMENT ", "Excel", "excel", "", "EXCEL"]
    )

    assert [tag.name for tag in tags] == ["Project management", "Excel"]
    assert tags[0] == existing
    assert Tag.objects.count() == 2


def test_profile_update_service_returns_the_saved_person(person):  # type: ignore[no-untyped-def]
    result = services.profile_update(
        person=person,
        job_title="Analyst",
        department=None,
        location=None,
        phone="",
        bio="",
        skills=["SQL"],
        interests=[],
    )

    assert result.pk == person.pk
    assert result.job_title == "Analyst"
    assert Person.objects.get(pk=person.pk).job_title == "Analyst"
    assert names(result.skills) == ["SQL"]


# --- People who came from HR ------------------------------------------------------------------


@pytest.fixture
def from_hr(person):  # type: ignore[no-untyped-def]
    """The logged-in person, kept by the HR import, with a department, location and manager."""
    person.employee_number = "4711"
    person.department = DepartmentFactory(name="Burgerzaken")
    person.location = LocationFactory(name="Stadskantoor")
    person.manager = PersonFactory(first_name="Mila", name_prefix="", last_name="Baas")
    person.save()
    return person


def test_hr_fields_are_shown_read_only_with_an_explanation(logged_in_client, from_hr):  # type: ignore[no-untyped-def]
    html = logged_in_client.get(EDIT_URL).content.decode()
    assert 'name="department"' not in html and 'name="location"' not in html
    read_only = html.split('id="hr-fields"', 1)[1].split("</div>", 1)[0]
    for text in ("Burgerzaken", "Stadskantoor", "Mila Baas", "come from the HR system"):
        assert text in read_only
    assert 'name="job_title"' in html  # the rest stays editable


def test_posting_other_hr_fields_changes_nothing_of_them(logged_in_client, from_hr):  # type: ignore[no-untyped-def]
    department, location = from_hr.department, from_hr.location
    response = logged_in_client.post(
        EDIT_URL,
        valid_data(
            department=str(DepartmentFactory(name="Elders").pk),
            location=str(LocationFactory(name="Thuis").pk),
            manager=str(PersonFactory().pk),
            job_title="Adviseur",
        ),
    )
    assert response.status_code == 302
    from_hr.refresh_from_db()
    assert (from_hr.department, from_hr.location) == (department, location)
    assert from_hr.manager.full_name == "Mila Baas"
    assert from_hr.job_title == "Adviseur"


def test_the_service_refuses_to_change_hr_fields(from_hr):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        services.profile_update(
            person=from_hr,
            job_title="",
            department=None,
            location=LocationFactory(),
            phone="",
            bio="",
            skills=[],
            interests=[],
        )
    assert set(raised.value.message_dict) == {"department", "location"}
    from_hr.refresh_from_db()
    assert from_hr.department is not None


def test_people_not_from_hr_still_choose_their_department(logged_in_client, person):  # type: ignore[no-untyped-def]
    assert person.employee_number is None
    html = logged_in_client.get(EDIT_URL).content.decode()
    assert 'name="department"' in html and 'id="hr-fields"' not in html
