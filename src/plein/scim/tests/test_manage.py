"""The Management page about provisioning: administrators only; the tenant URL, the SCIM
tokens, how many people the directory provisions and whom it removed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from plein.accounts.tokens.services import token_create, token_revoke
from plein.people.tests.factories import PersonFactory
from plein.scim.models import ProvisionedPerson

pytestmark = pytest.mark.django_db

URL = "/manage/provisioning/"


def test_administrators_see_the_tenant_url_tokens_and_removed_people(client: Client) -> None:
    administrator = PersonFactory(roles=["administrator"])
    entra = token_create(actor=administrator, name="Entra ID", kind="application", scopes=["scim"])
    old = token_create(
        actor=administrator, name="Oude koppeling", kind="application", scopes=["scim"]
    )
    token_revoke(actor=administrator, token=old.token)
    token_create(
        actor=administrator,
        name="Rapportage",
        kind="application",
        scopes=["read"],
        person=administrator,
    )
    left = PersonFactory(first_name="Vera", last_name="Vertrokken", is_active=False)
    ProvisionedPerson.objects.create(
        person=left, user_name="vera@example.org", removed_at=timezone.now()
    )
    ProvisionedPerson.objects.create(person=PersonFactory(), user_name="jan@example.org")
    client.force_login(administrator)

    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://testserver/scim/v2/" in html
    assert entra.token.prefix in html and "Oude koppeling" in html
    assert "Rapportage" not in html  # not a SCIM token
    assert "Revoked or expired" in html
    assert "The directory provisions 1 person." in html
    assert "Vera Vertrokken" in html and left.get_absolute_url() in html
    assert "A group is a department" in html
    assert "Provisioning (SCIM)" in client.get("/manage/").content.decode()


def test_others_may_not_see_it(client: Client) -> None:
    assert client.get(URL).status_code == 302  # to the login page
    employee = PersonFactory()
    client.force_login(employee)
    assert client.get(URL).status_code == 403
    assert "/manage/provisioning/" not in client.get("/manage/").content.decode()
