"""A receiver on loopback: an HTTP server in a thread, on a free port, for the whole module.

It records every request (headers and body) and answers with the status the test sets."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Space
from plein.spaces.tests.factories import SpaceFactory

from .. import services
from ..models import Webhook


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    status: int = 204
    requests: list[Received] = field(default_factory=list)

    def reset(self, status: int = 204) -> None:
        self.status = status
        self.requests.clear()


@pytest.fixture(scope="module")
def _server() -> Iterator[Receiver]:
    receiver = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            receiver.requests.append(Received(headers, body))
            self.send_response(receiver.status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_port}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def receiver(_server: Receiver) -> Receiver:
    _server.reset()
    return _server


@pytest.fixture
def administrator():  # type: ignore[no-untyped-def]
    return PersonFactory(roles=["administrator"])


@pytest.fixture
def open_space() -> Space:
    return SpaceFactory(kind=Space.Kind.OPEN)


def make_webhook(owner, url: str, events: list[str], **fields) -> Webhook:  # type: ignore[no-untyped-def]
    return services.webhook_create(
        by=owner, name="Teams-koppeling", url=url, events=events, **fields
    )
