"""403, 404, 500 and the CSRF failure page: Plein's layout, the person's language, a way on."""

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from plein.core.models import Branding
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/adoption/", "/manage/"])
def test_an_employee_refused_a_page_gets_it_in_dutch_with_navigation_and_whom_to_ask(
    client, person, url
) -> None:
    manager = PersonFactory(roles=["community_manager"], first_name="Ilse", last_name="Koster")
    client.force_login(person)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Geen toegang tot deze pagina" in html
    assert 'class="site-nav"' in html  # Plein's navigation, not a bare "403 Forbidden"
    assert f'href="{reverse("core:home")}"' in html
    assert f'href="{manager.get_absolute_url()}">Ilse Koster</a>' in html
    assert reverse("spaces:detail", args=["help"]) in html
    assert "Forbidden" not in html


def test_a_refusal_with_a_reason_shows_it(rf, person) -> None:
    from django.core.exceptions import PermissionDenied

    from plein.config.errors import permission_denied

    request = rf.get("/somewhere/")
    request.user = person
    response = permission_denied(request, PermissionDenied("Only the owner may change this."))
    assert "Only the owner may change this." in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "start"),
    [
        ("nl", "Deze pagina bestaat niet", "de startpagina"),
        ("en", "This page does not exist", "the start page"),
    ],
)
def test_a_missing_page_in_the_persons_language(client, person, language, heading, start) -> None:
    person.language = language
    person.save(update_fields=["language"])
    client.force_login(person)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html and start in html
    assert 'class="site-nav"' in html


def test_a_missing_page_asks_a_visitor_who_is_not_logged_in_to_log_in(client) -> None:
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'href="{reverse("accounts:login")}?next=/no-such-page/"' in html
    assert 'class="site-nav"' not in html


def test_a_form_sent_from_a_stale_page_explains_what_to_do(person) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post(
        reverse("accounts:set_language"), {"language": "en"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Je formulier is niet verzonden" in html
    assert "Laad die pagina opnieuw" in html
    assert 'class="site-nav"' in html
    assert "CSRF verification failed" not in html


def _broken_start_page(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("something broke")


def test_a_server_error_shows_plein_s_page_in_dutch(monkeypatch, person) -> None:
    Branding.objects.create(pk=1, intranet_name="De Brug", primary_colour="#123456")
    monkeypatch.setattr("plein.core.views._home_view", lambda: _broken_start_page)
    client = Client(raise_request_exception=False)
    client.force_login(person)
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Er ging iets mis aan onze kant" in html
    assert "De Brug" in html and "--brand:#123456" in html
    assert f'href="{reverse("core:home")}"' in html


def test_the_server_error_page_renders_when_the_database_is_what_failed(
    monkeypatch, person
) -> None:
    def _no_database() -> Branding:
        raise DatabaseError("the database is gone")

    monkeypatch.setattr("plein.core.views._home_view", lambda: _broken_start_page)
    monkeypatch.setattr("plein.core.context_processors.branding_get", _no_database)
    client = Client(raise_request_exception=False)
    client.force_login(person)
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "<title>Something went wrong · Plein</title>" in html
