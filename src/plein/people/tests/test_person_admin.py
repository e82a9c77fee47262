"""Adding people and editing their details in the Management area, and Django's technical admin."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from plein.core.models import Branding
from plein.core.tests.utils import messages_of
from plein.people import services
from plein.people.models import Department, Location, Person, Tag
from plein.people.tests.factories import (
    DepartmentFactory,
    LocationFactory,
    PersonFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("manage:person_add")


def details_url(person: Person) -> str:
    return reverse("manage:person_details", args=[person.pk])


def welcome_url(person: Person) -> str:
    return reverse("manage:person_welcome", args=[person.pk])


@pytest.fixture
def boss(db):  # type: ignore[no-untyped-def]
    return PersonFactory(
        first_name="Bea", last_name="Baas", email="bea.baas@example.org", employee_number="1001"
    )


def new_person_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Anne",
        "name_prefix": "van der",
        "last_name": "Berg",
        "email": "Anne.vanderBerg@Example.org",
        "employee_number": "2001",
        "job_title": "Beleidsadviseur",
        "department": "",
        "location": "",
        "manager": "",
        "send_welcome": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/account/password/reset/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


# --- The links to these screens ----------------------------------------------------------------


def test_the_people_list_and_a_person_link_to_adding_and_editing(admin_client, person):
    assert f'href="{ADD_URL}"' in admin_client.get(reverse("manage:people")).content.decode()
    page = admin_client.get(reverse("manage:person", args=[person.pk])).content.decode()
    assert f'href="{details_url(person)}"' in page


def test_the_add_form_offers_the_welcome_e_mail_checked(admin_client):
    page = admin_client.get(ADD_URL).content.decode()
    assert re.search(r'<input type="checkbox" name="send_welcome"[^>]* checked', page)
    assert 'name="manager"' in page
    assert '<select name="manager"' not in page  # a text input, not a list of everyone


# --- Adding someone ----------------------------------------------------------------------------


def test_adding_someone_sends_a_welcome_e_mail_whose_link_sets_a_password(
    admin_client, boss, django_capture_on_commit_callbacks
):
    Branding.objects.create(pk=Branding.SINGLETON_PK, intranet_name="Het Plein")
    department = DepartmentFactory(name="Burgerzaken")
    location = LocationFactory(name="Utrecht")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD_URL,
            new_person_data(department=department.pk, location=location.pk, manager="1001"),
        )

    anne = Person.objects.get(email="anne.vanderberg@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:person", args=[anne.pk])
    assert (anne.first_name, anne.name_prefix, anne.last_name) == ("Anne", "van der", "Berg")
    assert anne.employee_number == "2001"
    assert anne.job_title == "Beleidsadviseur"
    assert (anne.department, anne.location, anne.manager) == (department, location, boss)
    assert anne.is_active
    assert not anne.has_usable_password()
    assert not anne.groups.exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anne.vanderberg@example.org"]
    assert "Het Plein" in message.subject
    assert "Hello Anne," in message.body
    assert "Het Plein" in message.body
    assert "&" not in message.body  # plain text, not HTML-escaped

    followed = admin_client.get(response["Location"])
    assert messages_of(followed) == [
        "Anne van der Berg has been added.",
        "A welcome e-mail with a link to set a password is on its way to "
        "anne.vanderberg@example.org.",
    ]

    # The link lets Anne choose a password and then log in with it.
    visitor = admin_client.__class__()
    link = link_in(message)
    form_page = visitor.get(link, follow=True)
    assert form_page.status_code == 200
    assert "new_password1" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = visitor.post(
        set_url,
        {"new_password1": "Welkom-op-het-plein-2026", "new_password2": "Welkom-op-het-plein-2026"},
    )
    assert response.status_code == 302
    anne.refresh_from_db()
    assert anne.check_password("Welkom-op-het-plein-2026")
    login = visitor.post(
        reverse("accounts:login"),
        {"username": "anne.vanderberg@example.org", "password": "Welkom-op-het-plein-2026"},
    )
    assert login["Location"] == reverse("core:home")
    # The link works only once.
    assert "new_password1" not in visitor.get(link, follow=True).content.decode()


def test_the_welcome_e_mail_waits_for_the_commit(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        admin_client.post(ADD_URL, new_person_data())
    assert Person.objects.filter(email="anne.vanderberg@example.org").exists()
    # the welcome e-mail (besides telling the event listeners, plein.core.registries.events)
    welcome = [c for c in callbacks if getattr(c, "func", None) is services._welcome_email_send]
    assert len(welcome) == 1
    assert mail.outbox == []


def test_adding_someone_without_the_welcome_e_mail(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(ADD_URL, new_person_data(send_welcome=None))
    assert response.status_code == 302
    assert mail.outbox == []
    anne = Person.objects.get(email="anne.vanderberg@example.org")
    assert not anne.has_usable_password()
    assert messages_of(admin_client.get(response["Location"])) == [
        "Anne van der Berg has been added."
    ]


def test_an_e_mail_address_in_use_in_another_case_is_refused(admin_client, boss):
    response = admin_client.post(
        ADD_URL, new_person_data(email="BEA.Baas@example.org", employee_number="")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "bea.baas@example.org already belongs to Bea Baas."
    ]
    page = response.content.decode()
    assert 'value="Anne"' in page  # what was typed is still there
    assert 'value="van der"' in page
    assert 'value="Beleidsadviseur"' in page
    assert Person.objects.filter(email__iexact="bea.baas@example.org").count() == 1
    assert not Person.objects.filter(email__iexact="anne.vanderberg@example.org").exists()


def test_an_employee_number_in_use_is_refused(admin_client, boss):
    response = admin_client.post(ADD_URL, new_person_data(employee_number="1001"))
    assert response.status_code == 400
    assert response.context["form"].errors["employee_number"] == [
        "Employee number 1001 already belongs to Bea Baas."
    ]


def test_an_unknown_manager_is_refused_and_kept_as_typed(admin_client, boss):
    response = admin_client.post(ADD_URL, new_person_data(manager="nobody@example.org"))
    assert response.status_code == 400
    assert response.context["form"].errors["manager"] == [
        "Nobody in Plein has the e-mail address or employee number nobody@example.org."
    ]
    assert 'value="nobody@example.org"' in response.content.decode()
    assert not Person.objects.filter(email__iexact="anne.vanderberg@example.org").exists()

    response = admin_client.post(ADD_URL, new_person_data(manager="9999"))
    assert response.status_code == 400
    assert "manager" in response.context["form"].errors


def test_the_manager_is_found_by_e_mail_in_any_case(admin_client, boss):
    admin_client.post(ADD_URL, new_person_data(manager=" BEA.baas@example.org "))
    assert Person.objects.get(email__iexact="anne.vanderberg@example.org").manager == boss


def test_a_deactivated_manager_is_refused(admin_client, boss):
    boss.is_active = False
    boss.save()
    response = admin_client.post(ADD_URL, new_person_data(manager="1001"))
    assert response.status_code == 400
    assert response.context["form"].errors["manager"] == [
        "Bea Baas has been deactivated and cannot be a manager."
    ]


def test_required_fields_and_a_valid_e_mail_address(admin_client):
    response = admin_client.post(
        ADD_URL, new_person_data(first_name=" ", last_name="", email="not-an-address")
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"first_name", "last_name", "email"}
    assert Person.objects.count() == 1  # only the administrator


def test_the_service_needs_the_site_address_for_a_welcome_e_mail():
    with pytest.raises(ValueError, match="site_url"):
        services.person_create(
            first_name="Anne", last_name="Berg", email="anne@example.org", send_welcome=True
        )
    assert not Person.objects.filter(email="anne@example.org").exists()


# --- Editing someone's details -----------------------------------------------------------------


def test_editing_details(admin_client, boss):
    department = DepartmentFactory(name="Burgerzaken")
    location = LocationFactory(name="Utrecht")
    anne = PersonFactory(
        first_name="Anne", last_name="Berg", email="anne@example.org", manager=boss
    )

    page = admin_client.get(details_url(anne)).content.decode()
    assert 'value="anne@example.org"' in page
    assert 'value="bea.baas@example.org"' in page  # the manager, as an address
    assert "Current manager: Bea Baas" in page
    assert 'name="send_welcome"' not in page

    response = admin_client.post(
        details_url(anne),
        {
            "first_name": "Anne",
            "name_prefix": "de",
            "last_name": "Vries",
            "email": "Anne.deVries@example.org",
            "employee_number": "3001",
            "job_title": "Teamleider",
            "department": department.pk,
            "location": location.pk,
            "manager": "",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("manage:person", args=[anne.pk])
    anne.refresh_from_db()
    assert anne.full_name == "Anne de Vries"
    assert anne.email == "anne.devries@example.org"
    assert (anne.employee_number, anne.job_title) == ("3001", "Teamleider")
    assert (anne.department, anne.location, anne.manager) == (department, location, None)
    assert messages_of(admin_client.get(response["Location"])) == [
        "The details of Anne de Vries have been saved."
    ]


def _details(person: Person, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": person.first_name,
        "name_prefix": person.name_prefix,
        "last_name": person.last_name,
        "email": person.email,
        "employee_number": person.employee_number or "",
        "job_title": person.job_title,
        "department": person.department_id or "",
        "location": person.location_id or "",
        "manager": person.manager.email if person.manager else "",
    }
    data.update(changes)
    return data


def test_nobody_becomes_their_own_manager_or_manages_someone_above_them(admin_client):
    top = PersonFactory(first_name="Tom", last_name="Top", email="tom@example.org")
    middle = PersonFactory(
        first_name="Mia", last_name="Midden", email="mia@example.org", manager=top
    )
    bottom = PersonFactory(
        first_name="Bas", last_name="Bodem", email="bas@example.org", manager=middle
    )

    response = admin_client.post(details_url(top), _details(top, manager="bas@example.org"))
    assert response.status_code == 400
    assert response.context["form"].errors["manager"] == [
        "Bas Bodem reports to Tom Top (directly or through others), so Tom Top cannot report to "
        "Bas Bodem."
    ]
    response = admin_client.post(details_url(middle), _details(middle, manager="bas@example.org"))
    assert response.status_code == 400
    response = admin_client.post(details_url(bottom), _details(bottom, manager="bas@example.org"))
    assert response.context["form"].errors["manager"] == ["A person cannot be their own manager."]

    top.refresh_from_db()
    bottom.refresh_from_db()
    assert top.manager is None
    assert bottom.manager == middle
    # Across the chain the other way is fine: Tom may manage Bas directly.
    assert admin_client.post(details_url(bottom), _details(bottom, manager="tom@example.org"))[
        "Location"
    ] == reverse("manage:person", args=[bottom.pk])


def test_the_service_refuses_a_manager_circle():
    top = PersonFactory()
    below = PersonFactory(manager=top)
    with pytest.raises(ValidationError) as error:
        services.person_details_update(
            person=top,
            first_name=top.first_name,
            name_prefix="",
            last_name=top.last_name,
            email=top.email,
            employee_number=None,
            job_title="",
            department=None,
            location=None,
            manager=below,
        )
    assert "manager" in error.value.message_dict
    top.refresh_from_db()
    assert top.manager is None


def test_a_deactivated_manager_may_stay_but_not_be_chosen_anew(admin_client, boss):
    anne = PersonFactory(first_name="Anne", email="anne@example.org", manager=boss)
    ben = PersonFactory(first_name="Ben", email="ben@example.org")
    boss.is_active = False
    boss.save()

    response = admin_client.post(details_url(anne), _details(anne, job_title="Adviseur"))
    assert response.status_code == 302
    anne.refresh_from_db()
    assert (anne.job_title, anne.manager) == ("Adviseur", boss)

    response = admin_client.post(details_url(ben), _details(ben, manager="1001"))
    assert response.status_code == 400


def test_someone_keeps_their_own_e_mail_address_in_another_case(admin_client):
    anne = PersonFactory(email="anne@example.org")
    response = admin_client.post(details_url(anne), _details(anne, email="ANNE@example.org"))
    assert response.status_code == 302
    anne.refresh_from_db()
    assert anne.email == "anne@example.org"


def test_editing_refuses_an_address_of_someone_else(admin_client, boss):
    anne = PersonFactory(email="anne@example.org")
    response = admin_client.post(details_url(anne), _details(anne, email="Bea.Baas@example.org"))
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "bea.baas@example.org already belongs to Bea Baas."
    ]
    anne.refresh_from_db()
    assert anne.email == "anne@example.org"


def test_an_unknown_person_is_404(admin_client):
    assert admin_client.get(reverse("manage:person_details", args=[999])).status_code == 404


def test_sending_the_welcome_e_mail_again(admin_client, django_capture_on_commit_callbacks):
    anne = PersonFactory(first_name="Anne", email="anne@example.org")
    assert f'action="{welcome_url(anne)}"' in admin_client.get(details_url(anne)).content.decode()
    assert admin_client.get(welcome_url(anne)).status_code == 405

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(welcome_url(anne), follow=True)

    assert response.redirect_chain[-1][0] == details_url(anne)
    assert [message.to for message in mail.outbox] == [["anne@example.org"]]
    assert link_in(mail.outbox[0]).startswith("/account/password/reset/")


def test_no_welcome_e_mail_for_a_deactivated_account(
    admin_client, django_capture_on_commit_callbacks
):
    anne = PersonFactory(first_name="Anne", last_name="Berg", is_active=False)
    assert (
        f'action="{welcome_url(anne)}"' not in admin_client.get(details_url(anne)).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(welcome_url(anne), follow=True)

    assert mail.outbox == []
    assert messages_of(response) == [
        "Anne Berg has been deactivated. Reactivate the account first."
    ]


# --- Django's technical admin ------------------------------------------------------------------


@pytest.fixture
def superuser_client(client):  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory(email="root@example.org", is_superuser=True, is_staff=True))
    return client


def test_the_admin_lists_searches_and_shows_people(superuser_client, boss):
    changelist = reverse("admin:people_person_changelist")

    response = superuser_client.get(changelist, {"q": "Baas"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [boss]
    assert "bea.baas@example.org" in response.content.decode()
    assert superuser_client.get(changelist, {"is_active__exact": "1"}).status_code == 200

    response = superuser_client.get(reverse("admin:people_person_change", args=[boss.pk]))
    assert response.status_code == 200
    fields = response.context["adminform"].form.fields
    assert "username" not in fields
    assert {"email", "employee_number", "department", "manager", "groups"} <= set(fields)
    assert "photo" not in fields
    assert superuser_client.get(reverse("admin:people_person_add")).status_code == 200


def test_the_admin_adds_someone_with_a_lower_case_unique_address(superuser_client, boss):
    add = reverse("admin:people_person_add")
    data = {
        "email": "Nieuw@Example.org",
        "first_name": "Nina",
        "name_prefix": "",
        "last_name": "Nieuw",
        "usable_password": "false",
        "password1": "",
        "password2": "",
    }
    response = superuser_client.post(add, data)
    assert response.status_code == 302
    nina = Person.objects.get(email__iexact="nieuw@example.org")
    assert nina.email == "nieuw@example.org"
    assert not nina.has_usable_password()

    response = superuser_client.post(add, {**data, "email": "BEA.BAAS@example.org"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "This e-mail address already belongs to someone else."
    ]


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (Department, DepartmentFactory),
        (Location, LocationFactory),
        (Tag, TagFactory),
    ],
)
def test_the_admin_shows_the_organisation(superuser_client, model, factory):
    item = factory()
    name = model._meta.model_name
    assert superuser_client.get(reverse(f"admin:people_{name}_changelist")).status_code == 200
    response = superuser_client.get(reverse(f"admin:people_{name}_change", args=[item.pk]))
    assert response.status_code == 200


def test_the_admin_keeps_a_department_from_moving_below_itself(superuser_client):
    council = DepartmentFactory(name="Gemeente")
    civil = DepartmentFactory(name="Burgerzaken", parent=council)

    response = superuser_client.post(
        reverse("admin:people_department_change", args=[council.pk]),
        {"name": "Gemeente", "parent": civil.pk, "code": ""},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "Burgerzaken is part of Gemeente, so Gemeente cannot be part of it."
    ]
    council.refresh_from_db()
    assert council.parent is None


def test_the_admin_edits_the_one_branding(superuser_client):
    changelist = reverse("admin:core_branding_changelist")
    assert superuser_client.get(changelist).status_code == 200
    assert superuser_client.get(reverse("admin:core_branding_add")).status_code == 200
    response = superuser_client.post(
        reverse("admin:core_branding_add"),
        {
            "intranet_name": "De Kade",
            "organisation_name": "",
            "slogan": "",
            "primary_colour": "#1d5c82",
            "accent_colour": "#b8430f",
            "persona_name": "",
            "persona_welcome": "",
        },
    )
    assert response.status_code == 302
    branding = Branding.objects.get()
    assert (branding.pk, branding.intranet_name) == (Branding.SINGLETON_PK, "De Kade")
    # One branding only, never deleted; every page shows the new name at once.
    assert superuser_client.get(reverse("admin:core_branding_add")).status_code == 403
    assert (
        superuser_client.get(reverse("admin:core_branding_delete", args=[branding.pk])).status_code
        == 403
    )
    assert "De Kade" in superuser_client.get(reverse("core:home")).content.decode()
