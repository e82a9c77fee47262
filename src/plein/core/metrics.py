"""Metrics for Prometheus at /metrics: requests by view and status, their duration, the tasks
waiting for the worker and the people active. Only with the bearer token PLEIN_METRICS_TOKEN;
without it configured the address does not exist (404).

Several worker processes (gunicorn) each count their own requests; set PROMETHEUS_MULTIPROC_DIR
to an empty directory shared by them (prometheus_client's multiprocess mode) so that a scrape of
any one of them reports the sum."""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterator
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter(
    "plein_http_requests",
    "HTTP requests answered, by view and status code.",
    ["view", "method", "status"],
)
DURATION = Histogram(
    "plein_http_request_duration_seconds",
    "Time to answer an HTTP request, by view.",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class MetricsMiddleware:
    """Counts and times each request under its view's name (not its path: one series per view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        view = (match.view_name or "unnamed") if match is not None else "unresolved"
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view, method, str(response.status_code)).inc()
        DURATION.labels(view).observe(time.perf_counter() - started)
        return response


class PleinCollector(Collector):
    """Figures read from the database at each scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django_tasks_db.models import DBTaskResult

        queued = GaugeMetricFamily(
            "plein_tasks_queued", "Background tasks waiting for the worker (db_worker)."
        )
        queued.add_metric([], DBTaskResult.objects.ready().count())
        yield queued
        people = get_user_model().objects.filter(is_active=True)
        active = GaugeMetricFamily(
            "plein_people_active", "People who logged in within the window.", labels=["window"]
        )
        now = timezone.now()
        for window, days in (("1d", 1), ("7d", 7), ("30d", 30)):
            since = now - timedelta(days=days)
            active.add_metric([window], people.filter(last_login__gte=since).count())
        yield active
        accounts = GaugeMetricFamily("plein_people_accounts", "Active accounts.")
        accounts.add_metric([], people.count())
        yield accounts


def _authorised(request: HttpRequest) -> bool:
    token = settings.PLEIN_METRICS_TOKEN
    if not token:
        raise Http404
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return hmac.compare_digest(given.encode(), token.encode())


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for collector in (REQUESTS, DURATION):
            registry.register(collector)
    registry.register(PleinCollector())
    return registry


@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """The Prometheus text format, for a scraper holding the token."""
    if not _authorised(request):
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)


__all__ = ["MetricsMiddleware", "metrics"]
