import json
from unittest import mock

from django.db import connection


def test_healthz_reports_database_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_fails(client, db):
    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("database gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["database"] == "error"


def test_healthz_needs_no_login_and_only_answers_get(client, db):
    assert client.post("/healthz").status_code == 405
