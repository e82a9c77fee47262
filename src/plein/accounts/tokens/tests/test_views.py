"""The pages for access tokens: a person's own in their settings, every token in Management.
A new token is shown once; revoking asks first; others get 403."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plein.accounts.tokens import services, views
from plein.accounts.tokens.models import AccessToken, Scope
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TOKENS_URL = reverse("accounts:tokens")
MANAGE_URL = reverse("manage:tokens")
NEW_URL = reverse("manage:token_new")


def _personal(person, name="Rapportscript", **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("scopes", [Scope.READ])
    kwargs.setdefault("expires_at", timezone.now() + timedelta(days=30))
    return services.token_create(actor=person, name=name, **kwargs)


def _application(admin, acting=None, name="Koppeling", scopes=(Scope.READ,)):  # type: ignore[no-untyped-def]
    return services.token_create(
        actor=admin, kind="application", name=name, scopes=scopes, person=acting
    )


# --- A person's own tokens -----------------------------------------------------------------------


def test_a_person_makes_a_token_and_sees_it_only_once(logged_in_client, person):  # type: ignore[no-untyped-def]
    settings_page = logged_in_client.get(reverse("accounts:settings")).content.decode()
    assert f'href="{TOKENS_URL}"' in settings_page

    response = logged_in_client.post(
        TOKENS_URL, {"name": "Rapportscript", "scopes": ["read", "write"], "expires_in": "90"}
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = AccessToken.objects.get()
    raw = response.context["made"].raw
    assert f'value="{raw}"' in response.content.decode()
    assert token.digest == services.digest(raw) and raw.startswith(token.prefix + "_")
    assert (token.kind, token.person, token.scopes) == ("personal", person, ["read", "write"])
    assert token.expires_at is not None
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)

    listed = logged_in_client.get(TOKENS_URL).content.decode()
    assert "Rapportscript" in listed and f"{token.prefix}_…" in listed
    assert raw not in listed and raw.removeprefix(token.prefix + "_") not in listed


def test_the_news_scope_is_offered_only_to_those_who_publish_news(client, person):  # type: ignore[no-untyped-def]
    client.force_login(person)
    assert 'value="news"' not in client.get(TOKENS_URL).content.decode()
    refused = client.post(TOKENS_URL, {"name": "Nieuws", "scopes": ["news"], "expires_in": "7"})
    assert refused.status_code == 400 and not AccessToken.objects.exists()

    editor = PersonFactory(roles=["editor"])
    client.force_login(editor)
    assert 'value="news"' in client.get(TOKENS_URL).content.decode()
    made = client.post(TOKENS_URL, {"name": "Nieuws", "scopes": ["news"], "expires_in": "7"})
    assert made.status_code == 200
    assert AccessToken.objects.get().scopes == ["news"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Mijn script", "expires_in": "30"}, "Choose at least one scope."),
        ({"name": "Mijn script", "scopes": ["scim"], "expires_in": "30"}, "scim is not one"),
        ({"name": "Mijn script", "scopes": ["read"], "expires_in": "1000"}, "1000 is not one"),
        ({"name": "   ", "scopes": ["read"], "expires_in": "30"}, "This field is required."),
    ],
)
def test_a_wrong_form_is_shown_again_with_what_was_typed(logged_in_client, data, message):  # type: ignore[no-untyped-def]
    response = logged_in_client.post(TOKENS_URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if data["name"].strip():
        assert 'value="Mijn script"' in page
    assert not AccessToken.objects.exists()


def test_a_person_revokes_their_token_after_confirming_and_a_colleague_cannot(client, person):  # type: ignore[no-untyped-def]
    token = _personal(person).token
    url = reverse("accounts:token_revoke", args=[token.pk])
    colleague = PersonFactory()
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert colleague.pk not in {t.person_id for t in AccessToken.objects.all()}

    client.force_login(person)
    confirm = client.get(url)
    assert confirm.status_code == 200 and b"Revoke the token" in confirm.content
    token.refresh_from_db()
    assert token.revoked_at is None

    response = client.post(url, follow=True)
    assert response.redirect_chain == [(TOKENS_URL, 302)]
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert b"has been revoked" in response.content


# --- Management ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["employee", "community_manager"])
def test_only_administrators_reach_the_management_pages(client, who):  # type: ignore[no-untyped-def]
    owner = PersonFactory()
    token = _personal(owner).token
    client.force_login(owner if who == "employee" else PersonFactory(roles=[who]))
    revoke = reverse("manage:token_revoke", args=[token.pk])
    for url in (MANAGE_URL, NEW_URL, revoke):
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "X", "scopes": ["scim"]}).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None and AccessToken.objects.count() == 1
    assert b"API and applications" not in client.get(reverse("core:manage")).content


def test_the_management_area_opens_for_whoever_may_manage_tokens(client):  # type: ignore[no-untyped-def]
    keeper = PersonFactory()
    keeper.user_permissions.add(Permission.objects.get(codename="manage_access_tokens"))
    client.force_login(keeper)
    page = client.get(reverse("core:manage"))
    assert page.status_code == 200
    assert f'href="{MANAGE_URL}"' in page.content.decode()


def test_the_list_shows_every_token_by_kind_and_status(  # type: ignore[no-untyped-def]
    admin_client, administrator, settings, monkeypatch
):
    settings.PLEIN_SITE_URL = "https://intranet.example.org"
    owner = PersonFactory()
    personal = _personal(owner, name="Persoonlijk").token
    revoked = _application(administrator, owner, name="Ingetrokken").token
    services.token_revoke(actor=administrator, token=revoked)
    expired = _personal(owner, name="Verlopen").token
    AccessToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    scim = _application(administrator, name="Entra ID", scopes=[Scope.SCIM]).token

    def names(query: str) -> list[str]:
        response = admin_client.get(MANAGE_URL + query)
        assert response.status_code == 200
        return [token.name for token in response.context["page"].object_list]

    page = admin_client.get(MANAGE_URL).content.decode()
    assert "https://intranet.example.org/scim/v2/" in page and 'href="/api/v1/docs/"' in page
    assert names("") == [scim.name, expired.name, revoked.name, personal.name]
    assert names("?kind=application") == [scim.name, revoked.name]
    assert names("?status=active") == [scim.name, personal.name]
    assert names("?status=expired") == [expired.name]
    assert names("?kind=application&status=revoked") == [revoked.name]
    monkeypatch.setattr(views, "TOKENS_PER_PAGE", 3)
    assert names("?page=2") == [personal.name]


def test_the_list_takes_as_many_queries_for_many_tokens_as_for_one(admin_client, administrator):  # type: ignore[no-untyped-def]
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(MANAGE_URL).status_code == 200
        return len(captured)

    _application(administrator, PersonFactory())
    queries()  # the first request of a session fills caches
    one = queries()
    for number in range(5):
        _personal(PersonFactory(), name=f"Script {number}")
        _application(administrator, PersonFactory(), name=f"Koppeling {number}")
    assert queries() == one


def test_an_administrator_makes_an_application_token_acting_as_a_colleague(  # type: ignore[no-untyped-def]
    admin_client, administrator
):
    acting = PersonFactory(email="koppeling@example.org")
    data = {"name": "Personeelsblad", "scopes": ["read", "news"], "expires_on": ""}

    missing = admin_client.post(NEW_URL, data)
    assert missing.status_code == 400
    assert missing.context["form"].errors["person"] == [
        "Choose the person this application acts as."
    ]
    assert 'value="Personeelsblad"' in missing.content.decode()

    response = admin_client.post(NEW_URL, {**data, "person": "koppeling@example.org"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = AccessToken.objects.get()
    assert (token.kind, token.person, token.created_by) == ("application", acting, administrator)
    assert token.expires_at is None and token.scopes == ["news", "read"]
    assert services.token_authenticate(raw=response.context["made"].raw) == token
    assert response.context["made"].raw not in admin_client.get(MANAGE_URL).content.decode()


def test_a_provisioning_token_acts_as_nobody_and_may_expire(admin_client):  # type: ignore[no-untyped-def]
    day = timezone.localdate() + timedelta(days=10)
    response = admin_client.post(
        NEW_URL, {"name": "Entra ID", "scopes": ["scim"], "expires_on": day.isoformat()}
    )
    assert response.status_code == 200
    token = AccessToken.objects.get()
    assert token.person is None and token.scopes == ["scim"]
    assert token.expires_at is not None
    assert timezone.localtime(token.expires_at).date() == day

    past = admin_client.post(
        NEW_URL, {"name": "Oud", "scopes": ["scim"], "expires_on": "2020-01-01"}
    )
    assert past.status_code == 400
    assert past.context["form"].errors["expires_on"] == ["The expiry date must lie in the future."]


def test_an_administrator_revokes_anyones_token_and_the_owner_hears_of_it(  # type: ignore[no-untyped-def]
    admin_client, administrator, django_capture_on_commit_callbacks
):
    owner = PersonFactory(language="nl")
    token = _personal(owner).token
    own = _personal(administrator, name="Eigen").token
    url = reverse("manage:token_revoke", args=[token.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
        admin_client.post(url)  # again: already revoked, no second e-mail
        admin_client.post(reverse("accounts:token_revoke", args=[own.pk]))
    assert response.status_code == 302 and response["Location"] == MANAGE_URL
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email] and "Rapportscript" in message.subject
    assert administrator.full_name in message.body and TOKENS_URL in message.body
