"""Work queued for after the response: made when the server closes the response, at once
outside a request; a failing call is logged and the others still run."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http import HttpRequest, HttpResponse

from plein.core.after_response import after_response, serving


@pytest.fixture(autouse=True)
def _no_connection_handling() -> Iterator[None]:
    """Closing a response sends request_finished, whose handler would touch the database; the
    test client leaves it out in the same way."""
    request_finished.disconnect(close_old_connections)
    yield
    request_finished.connect(close_old_connections)


def test_outside_a_request_the_call_is_made_at_once() -> None:
    done: list[str] = []
    after_response(done.append, "nu")
    assert done == ["nu"]


def test_during_a_request_calls_wait_until_the_response_is_closed(rf) -> None:  # type: ignore[no-untyped-def]
    done: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        after_response(done.append, "eerste")
        after_response(lambda: done.append("tweede"))
        done.append("antwoord")
        return HttpResponse("ok")

    response = serving(view, rf.get("/"))
    assert done == ["antwoord"]
    response.close()
    assert done == ["antwoord", "eerste", "tweede"]
    after_response(done.append, "daarna")  # the request is over: at once again
    assert done[-1] == "daarna"


def test_a_nested_serving_joins_the_outer_queue(rf) -> None:  # type: ignore[no-untyped-def]
    done: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        after_response(done.append, "binnen")
        return HttpResponse("ok")

    response = serving(lambda request: serving(view, request), rf.get("/"))
    assert done == []
    response.close()
    assert done == ["binnen"]


def test_a_failing_call_is_logged_and_the_others_still_run(rf, caplog) -> None:  # type: ignore[no-untyped-def]
    done: list[str] = []

    def broken() -> None:
        raise RuntimeError("kapot")

    def view(request: HttpRequest) -> HttpResponse:
        after_response(broken)
        after_response(done.append, "toch")
        return HttpResponse("ok")

    response = serving(view, rf.get("/"))
    with caplog.at_level(logging.ERROR, logger="plein.core.after_response"):
        response.close()
    assert done == ["toch"]
    assert "Work after the response failed" in caplog.text


def test_an_exception_from_the_view_closes_the_queue(rf) -> None:  # type: ignore[no-untyped-def]
    def view(request: HttpRequest) -> HttpResponse:
        raise ValueError

    with pytest.raises(ValueError):
        serving(view, rf.get("/"))
    done: list[str] = []
    after_response(done.append, "los")
    assert done == ["los"]
