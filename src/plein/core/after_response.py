"""Work that can wait until the response has been sent, so that no one waits for it.

Any code running during a request may call `after_response(func, *args, **kwargs)`: the call is
queued and made once the server has sent the response and closes it (WSGI and ASGI servers call
`response.close()` when the body has gone out; Django runs the response's resource closers
there, before the `request_finished` signal, so the database connection is still open). A GET
uses this to record what it saw (the adoption app's usage events, the home stream's visit)
without writing in the request's transaction.

Outside a request (tasks, commands, tests calling a function directly) the call is made at once.
The queue of a request is opened by `AfterResponseMiddleware` (early in settings.MIDDLEWARE), or
by `serving()` around any other handler; a nested `serving()` joins the queue already open.

Every queued call runs, in the order queued; one that fails is logged and does not stop the
others (the response has gone: there is no one left to tell).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

Work = Callable[[], Any]

# The calls queued during the current request (None outside a request).
_queue: ContextVar[list[Work] | None] = ContextVar("plein_after_response", default=None)


def after_response(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
    """Call func(*args, **kwargs) once the current response has been sent; at once outside a
    request."""
    work = partial(func, *args, **kwargs) if args or kwargs else func
    queue = _queue.get()
    if queue is None:
        _run(work)
    else:
        queue.append(work)


def serving(handle: Callable[[HttpRequest], HttpResponse], request: HttpRequest) -> HttpResponse:
    """handle(request), with calls to after_response() during it made once the response has been
    sent. For middleware: `return serving(self.get_response, request)`."""
    if _queue.get() is not None:  # an outer serving() sends them
        return handle(request)
    queue: list[Work] = []
    token = _queue.set(queue)
    try:
        response = handle(request)
    finally:
        _queue.reset(token)
    if queue:
        _send_after(response, queue)
    return response


class AfterResponseMiddleware:
    """Opens every request's queue, around the middleware below it and the view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return serving(self.get_response, request)


def _send_after(response: HttpResponse, queue: list[Work]) -> None:
    closers = getattr(response, "_resource_closers", None)
    if isinstance(closers, list):
        closers.append(partial(_run_all, queue))
    else:  # not a Django response: nothing tells when it has been sent
        _run_all(queue)


def _run_all(queue: list[Work]) -> None:
    for work in queue:
        _run(work)


def _run(work: Work) -> None:
    try:
        work()
    except Exception:
        logger.exception("Work after the response failed: %r", work)
