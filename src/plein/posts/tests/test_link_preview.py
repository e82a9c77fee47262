import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from plein.core import fetch
from plein.posts import link_preview
from plein.posts.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

PAGE = (
    b"<html><head><title>Gewone titel</title>"
    b'<meta property="og:title" content="Open  Graph &amp; titel">'
    b'<meta property="og:description" content="Wat de pagina vertelt">'
    b"</head><body>hallo</body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://intranet.example:{httpd.server_port}/pagina"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def resolve_as(monkeypatch):  # type: ignore[no-untyped-def]
    """Make every host name resolve to the given address (the real connection goes to
    127.0.0.1 where the test server listens)."""
    real = socket.getaddrinfo

    def use(address: str) -> None:
        def fake(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
            if host == "intranet.example":
                family = socket.AF_INET6 if ":" in address else socket.AF_INET
                return [(family, socket.SOCK_STREAM, 6, "", (address, port or 80))]
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(fetch.socket, "getaddrinfo", fake)

    return use


def _connect_locally(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = socket.create_connection

    def connect(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        _host, port = address
        return real(("127.0.0.1", port), *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)


def test_stores_open_graph_title_and_description(server, resolve_as, monkeypatch) -> None:
    resolve_as("10.1.2.3")  # a private intranet address is allowed
    _connect_locally(monkeypatch)
    post = PostFactory(link_url=server)
    link_preview.link_preview_store(post.pk)
    post.refresh_from_db()
    assert post.link_title == "Open Graph & titel"
    assert post.link_description == "Wat de pagina vertelt"


def test_not_stored_when_the_link_changed_meanwhile(server, resolve_as, monkeypatch) -> None:
    resolve_as("10.1.2.3")
    _connect_locally(monkeypatch)
    post = PostFactory(link_url=server)
    real_fetch = link_preview.fetch

    def fetch_then_edit(url: str) -> bytes:
        data = real_fetch(url)
        type(post).objects.filter(pk=post.pk).update(link_url="https://example.org/ander")
        return data

    monkeypatch.setattr(link_preview, "fetch", fetch_then_edit)
    link_preview.link_preview_store(post.pk)
    post.refresh_from_db()
    assert post.link_title == ""


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "169.254.169.254", "::1", "0.0.0.0"],  # noqa: S104 - a target, not a bind
)
def test_refuses_loopback_link_local_and_metadata(server, resolve_as, monkeypatch, address) -> None:
    resolve_as(address)
    _connect_locally(monkeypatch)
    post = PostFactory(link_url=server)
    link_preview.link_preview_store(post.pk)  # logged, not raised
    post.refresh_from_db()
    assert post.link_title == ""
    with pytest.raises(fetch.UnsafeAddress):
        fetch.check_url(server)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "http:///x"])
def test_refuses_other_schemes(url) -> None:
    with pytest.raises(fetch.UnsafeAddress):
        fetch.check_url(url)


def test_failures_are_logged_not_raised(monkeypatch, caplog) -> None:
    def broken(url: str) -> bytes:
        raise TimeoutError

    monkeypatch.setattr(link_preview, "fetch", broken)
    post = PostFactory(link_url="https://example.org/")
    link_preview.link_preview_store(post.pk)
    assert "failed" in caplog.text


def test_parse_falls_back_to_title_and_limits_length() -> None:
    title, description = link_preview.parse(
        f"<title>  Alleen\n een titel {'x' * 400}</title>"
        '<meta name="description" content="Korte uitleg">'
    )
    assert title.startswith("Alleen een titel") and len(title) == 300
    assert description == "Korte uitleg"


def test_reads_at_most_the_limit(monkeypatch) -> None:
    class Response:
        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *args: object) -> None:
            pass

        def read(self, limit: int) -> bytes:
            self.asked = limit
            return b""

    response = Response()

    class Opener:
        def open(self, request, timeout):  # type: ignore[no-untyped-def]
            assert request.get_header("User-agent") == "Plein link preview"
            assert timeout == 3
            return response

    monkeypatch.setattr(fetch, "opener", Opener)
    monkeypatch.setattr(fetch, "check_url", lambda url: None)
    link_preview.fetch("https://example.org/")
    assert response.asked == 256 * 1024 + 1  # one more tells that there was more
