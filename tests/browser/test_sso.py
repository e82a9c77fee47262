"""Single sign-on in Chromium against a real OpenID Connect provider on loopback
(oidc-provider-mock, plein.accounts.sso.tests.provider): the first login creates the person,
logging out ends the session at the provider too; with SSO only, an e-mail match alone and a
deactivated person are refused, and an administrator uses the break-glass login to unlink a
work account. axe runs on every Plein page. And the same first steps with SAML 2.0 against a
pysaml2 identity provider."""

from collections.abc import Iterator

import pytest

from plein.accounts.sso.models import ExternalIdentity
from plein.accounts.sso.tests.provider import Provider, running_provider
from plein.accounts.sso.tests.saml_idp import require_xmlsec, running_identity_provider
from plein.people.models import Person
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABEL = "Inloggen met je werkaccount"


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with running_provider() as provider:
        yield provider


@pytest.fixture
def sso(settings, provider: Provider) -> Provider:  # type: ignore[no-untyped-def]
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.PLEIN_OIDC_LOGIN_LABEL = LABEL
    return provider


def log_in_at_provider(visitor, provider: Provider, sub: str) -> None:  # type: ignore[no-untyped-def]
    """Click the login button and log in as `sub` on the provider's own page."""
    page = visitor.page
    page.get_by_role("link", name=LABEL).click()
    page.wait_for_url(provider.issuer + "/oauth2/authorize**")
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def test_first_login_creates_the_person_and_logout_ends_both_sessions(visitor, sso, settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_SSO_CREATE_PEOPLE = True
    settings.PLEIN_OIDC_CLAIMS = {"job_title": "job_title"}
    sso.set_user(
        "sub-fleur",
        email="fleur.visser@example.org",
        given_name="Fleur",
        family_name="Visser",
        job_title="Beleidsmedewerker",
    )
    page = visitor.page
    visitor.visit("/account/login/")
    assert page.get_by_label("Wachtwoord").count() == 1  # not SSO-only: both ways

    log_in_at_provider(visitor, sso, "sub-fleur")
    page.wait_for_url(visitor.url("/"))
    visitor.skip_tour()
    visitor.check_accessibility()
    person = Person.objects.get(email="fleur.visser@example.org")
    assert (person.full_name, person.job_title) == ("Fleur Visser", "Beleidsmedewerker")
    assert person.external_identities.get().subject == "sub-fleur"

    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(sso.issuer + "/oauth2/end_session**")
    assert "id_token_hint=" in page.url
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(visitor.url("/account/login/"))
    visitor.check_accessibility()
    visitor.visit("/people/")
    assert "/account/login/" in page.url  # the Plein session has ended


def test_sso_only_refuses_an_email_match_and_keeps_a_break_glass_login(visitor, sso, settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_SSO_ONLY = True
    colleague = PersonFactory(email="jan@example.org", first_name="Jan", last_name="Smit")
    ExternalIdentity.objects.create(
        person=colleague, protocol="oidc", issuer=sso.issuer, subject="sub-jan-old"
    )
    administrator = PersonFactory(roles=["administrator"])
    sso.set_user("sub-imposter", email="jan@example.org", given_name="Jan", family_name="Smit")
    page = visitor.page

    visitor.visit("/account/login/")
    assert page.get_by_label("Wachtwoord").count() == 0
    log_in_at_provider(visitor, sso, "sub-imposter")
    page.wait_for_url(visitor.url("/account/sso/oidc/callback/**"))
    visitor.check_accessibility()
    assert page.get_by_role("alert").is_visible()
    assert ExternalIdentity.objects.get(person=colleague).subject == "sub-jan-old"

    # A deactivated person's linked work account no longer lets them in.
    gone = PersonFactory(email="oud@example.org", is_active=False)
    ExternalIdentity.objects.create(
        person=gone, protocol="oidc", issuer=sso.issuer, subject="sub-gone"
    )
    sso.set_user("sub-gone", email="oud@example.org", given_name="Oud", family_name="Collega")
    visitor.visit("/account/login/")
    log_in_at_provider(visitor, sso, "sub-gone")
    page.wait_for_url(visitor.url("/account/sso/oidc/callback/**"))
    assert "gedeactiveerd" in page.get_by_role("alert").inner_text()
    visitor.visit("/people/")
    assert "/account/login/" in page.url  # not logged in

    visitor.visit("/account/login/local/")
    page.get_by_label("E-mailadres").fill(administrator.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(visitor.url("/"))
    visitor.skip_tour()

    visitor.visit(f"/manage/people/{colleague.pk}/")
    section = page.locator("section", has=page.locator("#identities-heading"))
    assert "sub-jan-old" in section.inner_text()
    section.get_by_role("button").click()
    page.wait_for_url(visitor.url(f"/manage/people/{colleague.pk}/"))
    visitor.check_accessibility()
    assert page.locator("#identities-heading").count() == 0
    assert not ExternalIdentity.objects.filter(person=colleague).exists()


def test_saml_login_links_by_employee_number(visitor, settings):  # type: ignore[no-untyped-def]
    require_xmlsec()
    person = PersonFactory(employee_number="E400")
    with running_identity_provider() as idp:
        settings.PLEIN_SAML_IDP_METADATA_URL = idp.entity_id
        settings.PLEIN_SAML_LOGIN_LABEL = LABEL
        settings.PLEIN_SAML_ATTRIBUTES = {"employee_number": "employeeNumber"}
        settings.SAML_SESSION_COOKIE_SAMESITE = "Lax"  # plain http on loopback
        idp.log_in_as("nameid-browser", mail="someone@elsewhere.example", employeeNumber="E400")
        page = visitor.page
        visitor.visit("/account/login/?next=/people/")
        page.get_by_role("link", name=LABEL).click()  # the provider's page posts back at once
        page.wait_for_url(visitor.url("/people/"))
        visitor.skip_tour()
        visitor.check_accessibility()
    assert ExternalIdentity.objects.get(person=person).subject == "nameid-browser"
    assert page.locator(".user-menu__name").inner_text() == person.first_name
