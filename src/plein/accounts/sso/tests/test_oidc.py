"""OpenID Connect against a real provider on loopback (oidc-provider-mock): the code flow with
Django's test client, the identity rule, and the checks on the ID token."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse

from plein.accounts.sso import oidc
from plein.accounts.sso.models import ExternalIdentity
from plein.core.registries.access import GATES, EntryGate
from plein.people.models import Person
from plein.people.tests.factories import DEFAULT_PASSWORD, DepartmentFactory, PersonFactory

from .provider import CLIENT_ID, Provider

pytestmark = pytest.mark.django_db

NUMBER_CLAIMS = {"employee_number": "employee_number"}


def log_in(client, provider: Provider, sub: str, next_url: str = ""):  # type: ignore[no-untyped-def]
    """Click the login button, log in at the provider as `sub`, come back: Plein's answer."""
    start = client.get(reverse("accounts:oidc_start"), {"next": next_url} if next_url else {})
    assert start.status_code == 302
    assert start["Location"].startswith(provider.issuer + "/oauth2/authorize?")
    back = urlsplit(provider.approve(start["Location"], sub))
    return client.get(f"{back.path}?{back.query}")


def logged_in_as(client) -> int | None:  # type: ignore[no-untyped-def]
    pk = client.session.get("_auth_user_id")
    return int(pk) if pk else None


def test_without_sso_the_login_page_has_only_the_password_form(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'name="password"' in page
    assert "work account" not in page
    assert client.get(reverse("accounts:oidc_start")).status_code == 404


def test_the_login_button_carries_the_label_and_next(client, op, settings):
    settings.PLEIN_OIDC_LOGIN_LABEL = "Inloggen met je Gemeente-account"
    page = client.get(reverse("accounts:login") + "?next=/people/").content.decode()
    assert "Inloggen met je Gemeente-account" in page
    assert 'href="/account/sso/oidc/login/?next=%2Fpeople%2F"' in page
    assert 'name="password"' in page  # not SSO-only: the password form stays


def test_first_login_links_by_employee_number_then_by_the_identity(client, op, settings):
    settings.PLEIN_OIDC_CLAIMS = NUMBER_CLAIMS
    person = PersonFactory(employee_number="E100", email="anne@example.org")
    op.set_user("sub-anne", email="anne@elsewhere.example", employee_number="E100")

    response = log_in(client, op, "sub-anne", next_url="/people/")
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert logged_in_as(client) == person.pk
    identity = ExternalIdentity.objects.get(person=person)
    assert (identity.protocol, identity.issuer, identity.subject) == ("oidc", op.issuer, "sub-anne")
    assert identity.last_login_at is not None

    # Later the link alone finds her, whatever the claims say now.
    client.logout()
    op.set_user("sub-anne", email="anne@elsewhere.example", employee_number="")
    assert log_in(client, op, "sub-anne")["Location"] == reverse("core:home")
    assert logged_in_as(client) == person.pk


def test_an_email_address_alone_never_links_an_account(client, op, caplog):
    PersonFactory(email="bas@example.org")
    op.set_user("sub-bas", email="Bas@Example.org", given_name="Bas", family_name="Bos")
    with caplog.at_level(logging.WARNING, logger="plein.accounts.sso.services"):
        response = log_in(client, op, "sub-bas")
    assert response.status_code == 403
    assert "not linked to your work account" in response.content.decode()
    assert logged_in_as(client) is None
    assert not ExternalIdentity.objects.exists()
    assert "matches an account by e-mail address only" in caplog.text


def test_someone_unknown_is_refused_unless_people_are_created(client, op):
    op.set_user("sub-new", email="new@example.org", given_name="Nieuw", family_name="Mens")
    response = log_in(client, op, "sub-new")
    assert response.status_code == 403
    assert "no account on the intranet" in response.content.decode()
    assert not Person.objects.filter(email="new@example.org").exists()


def test_first_login_creates_the_person_with_department_and_job_title(client, op, settings):
    settings.PLEIN_SSO_CREATE_PEOPLE = True
    settings.PLEIN_OIDC_CLAIMS = {
        **NUMBER_CLAIMS,
        "department": "department",
        "job_title": "job_title",
    }
    parent = DepartmentFactory(name="Dienstverlening")
    department = DepartmentFactory(name="Burgerzaken", parent=parent)
    DepartmentFactory(name="Burgerzaken")  # another one with that name: the path decides
    op.set_user(
        "sub-carla",
        email="Carla@Example.org",
        given_name="Carla",
        family_name="de Vries",
        employee_number="E200",
        department="Dienstverlening > Burgerzaken",
        job_title="Adviseur",
    )
    assert log_in(client, op, "sub-carla").status_code == 302
    person = Person.objects.get(email="carla@example.org")
    assert logged_in_as(client) == person.pk
    assert (person.first_name, person.last_name, person.employee_number) == (
        "Carla",
        "de Vries",
        "E200",
    )
    assert (person.department, person.job_title) == (department, "Adviseur")
    assert not person.has_usable_password()
    assert person.external_identities.get().subject == "sub-carla"


def test_a_deactivated_person_cannot_log_in(client, op):
    person = PersonFactory(is_active=False)
    ExternalIdentity.objects.create(
        person=person, protocol="oidc", issuer=op.issuer, subject="sub-gone"
    )
    op.set_user("sub-gone", email=person.email)
    response = log_in(client, op, "sub-gone")
    assert response.status_code == 403
    assert "has been deactivated" in response.content.decode()
    assert logged_in_as(client) is None


def test_the_login_gate_still_applies(client, op):
    person = PersonFactory()
    ExternalIdentity.objects.create(
        person=person, protocol="oidc", issuer=op.issuer, subject="sub-early"
    )
    op.set_user("sub-early", email=person.email)
    with GATES.registered(EntryGate(key="closed", order=1, allows=lambda person: False)):
        response = log_in(client, op, "sub-early")
    assert response["Location"] == reverse("launch:coming_soon")
    assert logged_in_as(client) is None


def test_an_expired_id_token_is_refused(client, settings, expiring_oidc_provider):
    for name, value in expiring_oidc_provider.settings().items():
        setattr(settings, name, value)
    person = PersonFactory()
    ExternalIdentity.objects.create(
        person=person, protocol="oidc", issuer=expiring_oidc_provider.issuer, subject="sub-late"
    )
    expiring_oidc_provider.set_user("sub-late", email=person.email)
    response = log_in(client, expiring_oidc_provider, "sub-late")
    assert response.status_code == 403
    assert "could not be verified" in response.content.decode()
    assert logged_in_as(client) is None


def test_the_id_token_must_be_for_plein_from_the_issuer_with_the_nonce(op, settings):
    client = oidc.Client()
    token = op.id_token(client_id=CLIENT_ID, sub="sub-d", nonce="n1")
    assert client.verify_token(token, nonce="n1")["sub"] == "sub-d"
    with pytest.raises(SuspiciousOperation, match="Nonce"):
        client.verify_token(token, nonce="n2")
    someone_elses = op.id_token(client_id="another-application", sub="sub-d", nonce="n1")
    with pytest.raises(SuspiciousOperation, match=r"(?i)audience"):
        client.verify_token(someone_elses, nonce="n1")
    settings.PLEIN_OIDC_ISSUER = op.issuer.replace("localhost", "127.0.0.1")
    settings.PLEIN_OIDC_JWKS_URI = op.issuer + "/jwks"
    with pytest.raises(SuspiciousOperation, match=r"(?i)issuer"):
        oidc.Client().verify_token(token, nonce="n1")


def test_a_callback_is_used_once(client, op):
    person = PersonFactory()
    ExternalIdentity.objects.create(person=person, protocol="oidc", issuer=op.issuer, subject="s1")
    op.set_user("s1", email=person.email)
    start = client.get(reverse("accounts:oidc_start"))
    back = urlsplit(op.approve(start["Location"], "s1"))
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    client.logout()
    assert client.get(f"{back.path}?{back.query}").status_code == 403
    assert logged_in_as(client) is None


def test_a_cancelled_login_says_so(client, op):
    start = client.get(reverse("accounts:oidc_start"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(
        reverse("accounts:oidc_callback"), {"error": "access_denied", "state": state}
    )
    assert response.status_code == 403
    assert "cancelled" in response.content.decode()


def test_logout_ends_the_session_at_the_provider_too(client, op, settings):
    person = PersonFactory()
    ExternalIdentity.objects.create(person=person, protocol="oidc", issuer=op.issuer, subject="s2")
    op.set_user("s2", email=person.email)
    log_in(client, op, "s2")
    response = client.post(reverse("accounts:logout"))
    assert logged_in_as(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        op.issuer + "/oauth2/end_session"
    )
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/account/login/"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["id_token_hint"][0].count(".") == 2

    settings.PLEIN_OIDC_LOGOUT_AT_PROVIDER = False
    log_in(client, op, "s2")
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("accounts:login")


def test_a_password_login_logs_out_only_of_plein(client, op):
    person = PersonFactory()
    client.post(reverse("accounts:login"), {"username": person.email, "password": DEFAULT_PASSWORD})
    assert logged_in_as(client) == person.pk
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("accounts:login")


def test_sso_only_keeps_passwords_for_administrators(client, op, settings):
    settings.PLEIN_SSO_ONLY = True
    employee = PersonFactory()
    administrator = PersonFactory(roles=["administrator"])
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Log in with your work account" in page
    assert 'name="password"' not in page and "Forgot your password?" not in page

    response = client.post(
        reverse("accounts:login"), {"username": employee.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200 and logged_in_as(client) is None
    assert "Log in with your work account" in response.content.decode()

    local = client.get(reverse("accounts:login_local")).content.decode()
    assert 'name="password"' in local and "work account" in local
    client.post(
        reverse("accounts:login_local"),
        {"username": administrator.email, "password": DEFAULT_PASSWORD},
    )
    assert logged_in_as(client) == administrator.pk

    client.logout()
    for person in (employee, administrator):
        client.post(reverse("accounts:password_reset"), {"email": person.email})
    assert [message.to for message in mail.outbox] == [[administrator.email]]


def test_discovery_is_fetched_once_for_every_process(op, monkeypatch):
    assert oidc.endpoint("token_endpoint") == op.issuer + "/oauth2/token"

    def offline(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("fetched again")

    monkeypatch.setattr(oidc.requests, "get", offline)
    assert oidc.endpoint("jwks_uri") == op.issuer + "/jwks"


def test_an_unreachable_provider_gets_a_clear_page(client, op, settings):
    settings.PLEIN_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    response = client.get(reverse("accounts:oidc_start"))
    assert response.status_code == 503
    assert "cannot be reached right now" in response.content.decode()
