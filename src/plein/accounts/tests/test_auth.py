import re

import pytest
from django.core import mail
from django.urls import reverse

from plein.config.settings import base
from plein.people.models import Person
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_axes(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _login(client, email, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def test_log_in_with_email_in_any_case_and_land_on_the_start_page(client):
    PersonFactory(email="anne.jansen@example.org")
    response = _login(client, "Anne.Jansen@Example.org", DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200


def test_login_follows_a_safe_next_and_ignores_an_external_one(client):
    PersonFactory(email="a@example.org")
    response = client.post(
        reverse("accounts:login") + "?next=/people/",
        {"username": "a@example.org", "password": DEFAULT_PASSWORD, "next": "/people/"},
    )
    assert response["Location"] == "/people/"
    client.logout()
    response = client.post(
        reverse("accounts:login"),
        {"username": "a@example.org", "password": DEFAULT_PASSWORD, "next": "https://evil.example"},
    )
    assert response["Location"] == reverse("core:home")


def test_wrong_password_shows_a_clear_message(client):
    PersonFactory(email="a@example.org")
    response = _login(client, "a@example.org", "wrong")
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_pages_need_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_repeated_failures_lock_the_account_for_that_connection(client):
    PersonFactory(email="a@example.org")
    for _attempt in range(2):
        assert _login(client, "a@example.org", "wrong").status_code == 200
    locked = _login(client, "a@example.org", "wrong")
    assert locked.status_code == 429
    assert "paused" in locked.content.decode()
    # Even the right password is refused while locked...
    assert _login(client, "a@example.org", DEFAULT_PASSWORD).status_code == 429
    # ...but another account from the same connection is not affected.
    PersonFactory(email="b@example.org")
    assert _login(client, "b@example.org", DEFAULT_PASSWORD).status_code == 302


def test_a_deactivated_person_cannot_log_in(client):
    PersonFactory(email="gone@example.org", is_active=False)
    response = _login(client, "gone@example.org", DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_the_session(client, person):
    client.force_login(person)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_password_reset_by_email(client):
    person = PersonFactory(email="anne@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "anne@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anne@example.org"]
    assert "Plein" in message.subject
    link = re.search(r"https?://[^/]+(/account/password/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url,
        {"new_password1": "Nieuw-wachtwoord-2026", "new_password2": "Nieuw-wachtwoord-2026"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Nieuw-wachtwoord-2026")
    # The link works once.
    assert "expired" in client.get(link, follow=True).content.decode()


def test_someone_without_a_password_yet_chooses_one_with_the_reset_link(client):
    newcomer = PersonFactory(email="nieuw@example.org")
    newcomer.set_unusable_password()
    newcomer.save()
    client.post(reverse("accounts:password_reset"), {"email": "Nieuw@example.org"})
    assert [m.to for m in mail.outbox] == [["nieuw@example.org"]]


def test_no_reset_mail_for_a_deactivated_account(client):
    PersonFactory(email="weg@example.org", is_active=False)
    client.post(reverse("accounts:password_reset"), {"email": "weg@example.org"})
    assert mail.outbox == []


def test_password_reset_does_not_reveal_whether_an_address_exists(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_dutch_is_the_default_language(client, person, settings):
    assert base.LANGUAGE_CODE == "nl"
    settings.LANGUAGE_CODE = "nl"
    client.force_login(person)
    assert 'lang="nl"' in client.get(reverse("core:home")).content.decode()
    # A browser that asks for English gets English until the person chooses.
    assert (
        'lang="en"' in client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_choosing_a_language_is_remembered_on_the_account(client, person, settings):
    settings.LANGUAGE_CODE = "nl"
    client.force_login(person)
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/people/"})
    assert response["Location"] == "/people/"
    person.refresh_from_db()
    assert person.language == Person.Language.ENGLISH
    # Another device (no cookie) still gets English once logged in.
    other = client.__class__()
    other.force_login(person)
    assert 'lang="en"' in other.get(reverse("core:home")).content.decode()


def test_anonymous_language_choice_uses_a_cookie(client, settings):
    settings.LANGUAGE_CODE = "nl"
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "/account/login/"}
    )
    assert response.cookies["plein_language"].value == "en"
    assert 'lang="en"' in client.get(reverse("accounts:login")).content.decode()


def test_an_unknown_language_is_refused(client, person):
    client.force_login(person)
    client.post(reverse("accounts:set_language"), {"language": "xx"})
    person.refresh_from_db()
    assert person.language == ""


def test_an_unsafe_next_after_language_switch_is_ignored(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:home")
