"""safe_next_url() follows a `next` on this site only; redirect_next() redirects there."""

import pytest
from django.test import RequestFactory

from plein.core.redirects import redirect_next, safe_next_url

DEFAULT = "/default/"


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/posts/5/", "/posts/5/"),
        ("/feed/?page=2", "/feed/?page=2"),
        ("http://testserver/posts/5/", "http://testserver/posts/5/"),
        ("https://elsewhere.example/", DEFAULT),
        ("//elsewhere.example/", DEFAULT),
        ("javascript:alert(1)", DEFAULT),
        ("", DEFAULT),
    ],
)
def test_only_a_next_on_this_site_is_followed(next_url: str, expected: str) -> None:
    request = RequestFactory().post("/action/", {"next": next_url})
    assert safe_next_url(request, DEFAULT) == expected


def test_the_form_comes_before_the_query_string() -> None:
    request = RequestFactory().post("/action/?next=/from-query/", {"next": "/from-form/"})
    assert safe_next_url(request, DEFAULT) == "/from-form/"
    request = RequestFactory().post("/action/?next=/from-query/")
    assert safe_next_url(request, DEFAULT) == "/from-query/"
    request = RequestFactory().get("/confirm/", {"next": "/from-link/"})
    assert safe_next_url(request, DEFAULT) == "/from-link/"


def test_over_https_only_an_https_address_is_followed() -> None:
    request = RequestFactory().post("/action/", {"next": "http://testserver/x/"}, secure=True)
    assert safe_next_url(request, DEFAULT) == DEFAULT
    request = RequestFactory().post("/action/", {"next": "https://testserver/x/"}, secure=True)
    assert safe_next_url(request, DEFAULT) == "https://testserver/x/"


def test_redirect_next_redirects_to_the_safe_address() -> None:
    response = redirect_next(RequestFactory().post("/a/", {"next": "/posts/5/"}), DEFAULT)
    assert response.status_code == 302
    assert response["Location"] == "/posts/5/"
    response = redirect_next(
        RequestFactory().post("/a/", {"next": "https://evil.example/"}), DEFAULT
    )
    assert response["Location"] == DEFAULT
