"""The foundation's main flows as a person does them in Chromium, with axe-core on every page."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from plein.people.models import Person
from plein.people.tests.factories import (
    DEFAULT_PASSWORD,
    DepartmentFactory,
    LocationFactory,
    PersonFactory,
    TagFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organisation():
    burgerzaken = DepartmentFactory(name="Burgerzaken")
    publiekszaken = DepartmentFactory(name="Publiekszaken", parent=burgerzaken)
    ruimte = DepartmentFactory(name="Ruimte")
    stadhuis = LocationFactory(name="Stadhuis")
    excel = TagFactory(name="Excel")
    anne = PersonFactory(
        email="medewerker@example.org",
        first_name="Anne",
        last_name="Jansen",
        job_title="Klantcontactmedewerker",
        department=publiekszaken,
        location=stadhuis,
    )
    peter = PersonFactory(
        email="manager@example.org",
        first_name="Peter",
        name_prefix="de",
        last_name="Vries",
        job_title="Afdelingshoofd",
        department=burgerzaken,
    )
    anne.manager = peter
    anne.save()
    peter.skills.add(excel)
    PersonFactory(first_name="Sanne", last_name="Bakker", department=ruimte, job_title="Planoloog")
    beheer = PersonFactory(email="beheer@example.org", first_name="Ilse", last_name="Smit")
    beheer.groups.add(*Group.objects.filter(name__in=["administrator", "community_manager"]))
    return {"anne": anne, "peter": peter, "beheer": beheer, "burgerzaken": burgerzaken}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 90, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_log_in_see_the_start_page_and_log_out(visitor, organisation):
    visitor.log_in("medewerker@example.org", DEFAULT_PASSWORD)
    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anne")
    visitor.check_accessibility()
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/account/login/"))
    visitor.check_accessibility()


def test_wrong_password_and_password_reset_pages(visitor, organisation):
    page = visitor.visit("/account/login/")
    page.get_by_label("E-mailadres").fill("medewerker@example.org")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    visitor.check_accessibility()
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    visitor.check_accessibility()
    page.get_by_label("E-mailadres").fill("medewerker@example.org")
    page.get_by_role("button", name="Stuur de link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je e-mail")
    visitor.check_accessibility()


def test_browse_the_directory_and_open_a_profile(visitor, organisation):
    visitor.log_in("medewerker@example.org", DEFAULT_PASSWORD)
    page = visitor.visit("/people/")
    results = page.locator("#directory-results")
    expect(results).to_contain_text("Sanne Bakker")
    page.get_by_label("Naam, functie of e-mail").fill("vries")
    expect(results).not_to_contain_text("Sanne Bakker")
    expect(results).to_contain_text("Peter de Vries")
    visitor.check_accessibility()
    page.get_by_label("Naam, functie of e-mail").fill("")
    page.get_by_label("Afdeling").select_option(label="Burgerzaken")
    expect(results).not_to_contain_text("Sanne Bakker")
    expect(results).to_contain_text("Anne Jansen")  # in a sub-department of Burgerzaken
    page.get_by_role("link", name="Peter de Vries").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peter de Vries")
    expect(page.get_by_role("main")).to_contain_text("Excel")
    visitor.check_accessibility()


def test_directory_works_without_javascript(browser, live_server, axe, organisation):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mailadres").fill("medewerker@example.org")
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(live_server.url + "/people/")
    page.get_by_label("Naam, functie of e-mail").fill("bakker")
    page.locator("#directory-filters").get_by_role("button").click()
    expect(page.locator("#directory-results")).to_contain_text("Sanne Bakker")
    expect(page.locator("#directory-results")).not_to_contain_text("Anne Jansen")
    context.close()


def test_edit_your_own_profile(visitor, organisation, tmp_path):
    visitor.log_in("medewerker@example.org", DEFAULT_PASSWORD)
    page = visitor.visit("/people/me/edit/")
    page.get_by_label("Telefoon").fill("abc")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".form-errors")).to_be_visible()
    expect(page.get_by_label("Telefoon")).to_have_value("abc")
    visitor.check_accessibility()

    page.get_by_label("Telefoon").fill("06 12345678")
    page.get_by_label("Over mij").fill("Ik help inwoners aan de balie.")
    page.get_by_label("Vaardigheden").fill("Burgerzaken, Excel")
    photo = tmp_path / "anne.png"
    photo.write_bytes(_png())
    page.locator("#id_photo").set_input_files(str(photo))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anne Jansen")
    main = page.get_by_role("main")
    expect(main).to_contain_text("06 12345678")
    expect(main).to_contain_text("Ik help inwoners aan de balie.")
    expect(main).to_contain_text("Burgerzaken")
    visitor.check_accessibility()
    anne = Person.objects.get(email="medewerker@example.org")
    assert anne.photo and anne.phone == "06 12345678"
    assert sorted(t.name for t in anne.skills.all()) == ["Burgerzaken", "Excel"]


def test_switch_language(visitor, organisation):
    visitor.log_in("medewerker@example.org", DEFAULT_PASSWORD)
    page = visitor.page
    page.get_by_label("Taal", exact=True).select_option("en")
    page.locator(".language-switch").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="People")).to_be_visible()
    visitor.check_accessibility()
    page = visitor.visit("/account/settings/")
    page.locator("#id_language").select_option("nl")
    page.get_by_role("button", name="Save language").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert Person.objects.get(email="medewerker@example.org").language == "nl"


def test_management_screens(visitor, organisation):
    visitor.log_in("beheer@example.org", DEFAULT_PASSWORD)
    page = visitor.visit("/manage/")
    visitor.visit("/manage/branding/")
    page.get_by_label("Naam van het intranet").fill("De Brug")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".brand__name")).to_have_text("De Brug")
    visitor.check_accessibility()
    visitor.visit("/manage/people/")
    visitor.visit(f"/manage/people/{organisation['anne'].pk}/")
    visitor.visit("/manage/import/")
    visitor.visit("/account/settings/")
    visitor.visit(f"/manage/people/{organisation['anne'].pk}/details/")
    visitor.visit("/manage/organisation/")
    page = visitor.visit("/manage/organisation/departments/add/")
    page.locator("#id_name").fill("Wijkteams")
    page.locator("#id_parent").select_option(label="Burgerzaken")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/manage/organisation/#department-\d+$"))
    expect(page.get_by_role("main")).to_contain_text("Wijkteams")
    visitor.check_accessibility()
    visitor.visit("/manage/organisation/locations/add/")
    page = visitor.visit("/manage/people/add/")
    page.locator("#id_first_name").fill("Nina")
    page.locator("#id_last_name").fill("Kok")
    page.locator("#id_email").fill("nina.kok@example.org")
    page.locator("#id_manager").fill("manager@example.org")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("main")).to_contain_text("Nina Kok")
    visitor.check_accessibility()
    nina = Person.objects.get(email="nina.kok@example.org")
    assert nina.manager == organisation["peter"]


def test_keyboard_and_phone(phone_visitor, organisation):
    phone_visitor.log_in("medewerker@example.org", DEFAULT_PASSWORD)
    page = phone_visitor.page
    for path in ("/", "/people/", f"/people/{organisation['peter'].pk}/", "/people/me/edit/"):
        phone_visitor.visit(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways on a 375 px phone"
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_the_accessibility_check_catches_serious_violations(visitor):
    visitor.page.set_content(
        '<html><body><main><img src="/static/x.png"><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError, match="image-alt"):
        visitor.check_accessibility()


def test_the_remaining_account_and_management_pages(visitor, organisation, settings, tmp_path):
    from django.core import mail

    settings.AXES_FAILURE_LIMIT = 2
    page = visitor.visit("/account/login/")
    for _attempt in range(2):
        page.get_by_label("E-mailadres").fill("manager@example.org")
        page.get_by_label("Wachtwoord").fill("fout")
        page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen kan even niet")
    visitor.check_accessibility()

    page = visitor.visit("/account/password/reset/")
    page.get_by_label("E-mailadres").fill("medewerker@example.org")
    page.get_by_role("button", name="Stuur de link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je e-mail")
    link = re.search(r"https?://\S+/account/password/reset/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    visitor.check_accessibility()
    page.locator("#id_new_password1").fill("Een-nieuw-wachtwoord-2026")
    page.locator("#id_new_password2").fill("Een-nieuw-wachtwoord-2026")
    page.locator("main form button[type=submit]").click()
    visitor.check_accessibility()
    visitor.log_in("medewerker@example.org", "Een-nieuw-wachtwoord-2026")
    visitor.visit("/account/password/change/")

    visitor.page.context.clear_cookies()
    visitor.log_in("beheer@example.org", DEFAULT_PASSWORD)
    visitor.visit(f"/manage/organisation/departments/{organisation['burgerzaken'].pk}/")
    bad = tmp_path / "export.csv"
    bad.write_text("employee_number;email;first_name;last_name\nE1;geen-adres;Jan;\n")
    page = visitor.visit("/manage/import/")
    page.locator("#id_file").set_input_files(str(bad))
    page.locator("main form button[type=submit]").click()
    errors = page.locator("#import-errors-heading + p + .table-wrap tbody tr")
    expect(errors.first.locator("td").first).to_have_text("2")  # the bad row's line number
    expect(page.get_by_role("alert")).to_contain_text("Er is niets geïmporteerd")
    visitor.check_accessibility()
    assert not Person.objects.filter(employee_number="E1").exists()
