"""Security headers, the Content-Security-Policy's nonce, request ids in responses and JSON log
lines, and /metrics for Prometheus (only with its token)."""

import json
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from plein.core.observability import JsonFormatter, RequestFilter

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-for-tests"


def _directives(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def test_a_page_has_the_security_headers_and_its_scripts_carry_the_nonce(logged_in_client) -> None:
    response = logged_in_client.get(reverse("core:home"))
    assert response.status_code == 200
    directives = _directives(response)
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)  # type: ignore[union-attr]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert f"'nonce-{nonce}'" in directives["style-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    html = response.content.decode()
    # Every inline <script> and <style> carries this response's nonce (data in a JSON <script>
    # is never run and needs none); no inline event handlers.
    inline = re.findall(r"<(script|style)(?![^>]*\b(?:src=|type=\"application/json))([^>]*)>", html)
    assert inline, "the branding colours are an inline <style>"
    assert all(f'nonce="{nonce}"' in attrs for _, attrs in inline)
    assert not re.search(r"\son[a-z]+=\"|hx-on", html)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions
    assert "clipboard-write=(self)" in permissions


def test_each_response_gets_its_own_nonce(client) -> None:
    nonces = {
        re.search(r"'nonce-([^']+)'", client.get("/account/login/")["Content-Security-Policy"])
        for _ in range(2)
    }
    assert len({m.group(1) for m in nonces if m}) == 2


def test_the_request_id_is_made_or_taken_from_a_trusted_proxy(client, settings) -> None:
    made = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    given = "proxy-id-12345678"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"] != given
    settings.PLEIN_TRUST_REQUEST_ID = True
    assert client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    bad = "no spaces or <tags> please"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=bad)["X-Request-ID"] != bad


def test_a_json_log_line_carries_the_request_id_path_and_person(logged_in_client, person) -> None:
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Collect()
    handler.addFilter(RequestFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = logged_in_client.get("/posts/999999/")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(lines[-1])
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /posts/999999/"
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["path"] == "/posts/999999/"
    assert entry["user_id"] == person.pk
    assert entry["time"].endswith("+00:00")


def test_an_exception_is_written_into_the_json_line() -> None:
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.LogRecord("plein", logging.ERROR, __file__, 1, "failed", None, None)
        import sys

        record.exc_info = sys.exc_info()
    RequestFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: kapot" in entry["exception"]
    assert "request_id" not in entry  # outside a request


def test_metrics_do_not_exist_without_a_token_configured(client, settings) -> None:
    settings.PLEIN_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


def test_metrics_need_the_token(client, settings) -> None:
    settings.PLEIN_METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-it")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Bearer")


def test_metrics_in_prometheus_format(client, settings, person) -> None:
    settings.PLEIN_METRICS_TOKEN = TOKEN
    client.force_login(person)
    client.get(reverse("core:home"))
    Client().get("/healthz")
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    text = response.content.decode()
    assert re.search(
        r'^plein_http_requests_total\{method="GET",status="200",view="healthz"\} [1-9]',
        text,
        re.MULTILINE,
    )
    assert 'plein_http_request_duration_seconds_bucket{le="0.25",view="healthz"}' in text
    assert re.search(r"^plein_tasks_queued 0\.0$", text, re.MULTILINE)
    assert re.search(r'^plein_people_active\{window="1d"\} 1\.0$', text, re.MULTILINE)
    assert re.search(r"^plein_people_accounts 1\.0$", text, re.MULTILINE)
