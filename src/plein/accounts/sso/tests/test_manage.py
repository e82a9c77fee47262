"""The Management person page shows a person's work accounts; administrators unlink them."""

import pytest
from django.urls import reverse

from plein.accounts.sso.models import ExternalIdentity
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def identity() -> ExternalIdentity:
    return ExternalIdentity.objects.create(
        person=PersonFactory(), protocol="oidc", issuer="https://login.example.org", subject="s-9"
    )


def test_an_administrator_sees_and_unlinks_a_work_account(client, identity):
    client.force_login(PersonFactory(roles=["administrator"]))
    page = client.get(reverse("manage:person", args=[identity.person_id])).content.decode()
    assert "https://login.example.org" in page and "s-9" in page
    url = reverse("manage:person_identity_unlink", args=[identity.person_id, identity.pk])
    assert f'action="{url}"' in page

    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("manage:person", args=[identity.person_id])
    assert "is no longer linked to https://login.example.org" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_only_administrators_unlink_and_only_with_post(client, identity):
    url = reverse("manage:person_identity_unlink", args=[identity.person_id, identity.pk])
    client.force_login(PersonFactory(roles=["community_manager"]))
    assert client.post(url).status_code == 403
    client.force_login(PersonFactory(roles=["administrator"]))
    assert client.get(url).status_code == 405
    other = PersonFactory()
    wrong_person = reverse("manage:person_identity_unlink", args=[other.pk, identity.pk])
    assert client.post(wrong_person).status_code == 404
    assert ExternalIdentity.objects.filter(pk=identity.pk).exists()


def test_a_person_without_work_accounts_shows_no_such_section(client):
    client.force_login(PersonFactory(roles=["administrator"]))
    page = client.get(reverse("manage:person", args=[PersonFactory().pk])).content.decode()
    assert "Work accounts" not in page
