"""SAML 2.0 against a real pysaml2 identity provider on loopback: Plein's request, the signed
response posted back, the same identity rule as OpenID Connect, and refusals."""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse

from plein.accounts.sso.models import ExternalIdentity
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory

from .saml_idp import IdentityProvider, posted_form

pytestmark = pytest.mark.django_db


def log_in(client, idp: IdentityProvider, next_url: str = ""):  # type: ignore[no-untyped-def]
    """Click the SAML login button, let the provider answer, post its form back to Plein."""
    start = client.get(reverse("accounts:saml_start"), {"next": next_url} if next_url else {})
    assert start.status_code == 302, start.content
    assert start["Location"].startswith(idp.base + "/sso/redirect?")
    page = requests.get(start["Location"], timeout=5)
    page.raise_for_status()
    action, fields = posted_form(page.text)
    return client.post(urlsplit(action).path, fields)


def logged_in_as(client) -> int | None:  # type: ignore[no-untyped-def]
    pk = client.session.get("_auth_user_id")
    return int(pk) if pk else None


def test_the_login_page_offers_saml_and_plein_publishes_its_metadata(client, idp):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'href="/account/sso/saml/login/"' in page
    metadata = client.get(reverse("accounts:saml_metadata")).content.decode()
    assert "http://testserver/account/sso/saml/acs/" in metadata


def test_first_login_links_by_employee_number_then_by_the_name_id(client, idp, settings):
    settings.PLEIN_SAML_ATTRIBUTES = {"employee_number": "employeeNumber"}
    person = PersonFactory(employee_number="E300")
    idp.log_in_as("nameid-eva", mail="eva@elsewhere.example", employeeNumber="E300")
    response = log_in(client, idp, next_url="/people/")
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert logged_in_as(client) == person.pk
    identity = ExternalIdentity.objects.get(person=person)
    assert (identity.protocol, identity.issuer, identity.subject) == (
        "saml",
        idp.entity_id,
        "nameid-eva",
    )

    client.logout()
    idp.log_in_as("nameid-eva", mail="eva@elsewhere.example")
    assert log_in(client, idp).status_code == 302
    assert logged_in_as(client) == person.pk


def test_first_login_creates_the_person_from_the_attributes(client, idp, settings):
    settings.PLEIN_SSO_CREATE_PEOPLE = True
    settings.PLEIN_SAML_ATTRIBUTES = {"job_title": "title"}
    idp.log_in_as(
        "nameid-new", mail="Noor@Example.org", givenName="Noor", sn="Bakker", title="Jurist"
    )
    assert log_in(client, idp).status_code == 302
    person = Person.objects.get(email="noor@example.org")
    assert (person.full_name, person.job_title) == ("Noor Bakker", "Jurist")
    assert logged_in_as(client) == person.pk


def test_an_email_match_and_a_deactivated_person_are_refused(client, idp):
    PersonFactory(email="piet@example.org")
    idp.log_in_as("nameid-piet", mail="piet@example.org", givenName="Piet", sn="Post")
    response = log_in(client, idp)
    assert response.status_code == 403
    assert "not linked to your work account" in response.content.decode()

    gone = PersonFactory(is_active=False)
    ExternalIdentity.objects.create(
        person=gone, protocol="saml", issuer=idp.entity_id, subject="nameid-gone"
    )
    idp.log_in_as("nameid-gone", mail=gone.email)
    response = log_in(client, idp)
    assert response.status_code == 403
    assert "has been deactivated" in response.content.decode()
    assert logged_in_as(client) is None


def test_a_tampered_or_unrequested_response_is_refused(client, idp):
    person = PersonFactory()
    ExternalIdentity.objects.create(
        person=person, protocol="saml", issuer=idp.entity_id, subject="nameid-ok"
    )
    idp.log_in_as("nameid-ok", mail=person.email)
    start = client.get(reverse("accounts:saml_start"))
    action, fields = posted_form(requests.get(start["Location"], timeout=5).text)
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    tampered = xml.replace("nameid-ok", "nameid-xx")
    assert tampered != xml
    response = client.post(
        urlsplit(action).path,
        {**fields, "SAMLResponse": base64.b64encode(tampered.encode()).decode()},
    )
    assert response.status_code == 403 and logged_in_as(client) is None

    assert client.post(urlsplit(action).path, fields).status_code == 302  # the real one
    client.logout()
    replayed = client.post(urlsplit(action).path, fields)  # answered already: unsolicited now
    assert replayed.status_code == 403 and logged_in_as(client) is None
