"""The API's common ground: tokens and scopes, problem details, pages and rate limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.accounts.tokens.models import Scope
from plein.accounts.tokens.services import token_create, token_revoke
from plein.launch.models import LaunchPlan
from plein.launch.selectors import launch_plan_forget
from plein.people.tests.factories import PersonFactory
from plein.spaces.tests.factories import SpaceFactory

from .helpers import Api, api_as, token_for

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _is_problem(response, status: int) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    assert response.data["status"] == status
    assert response.data["type"].startswith("http://127.0.0.1:8000/api/v1/docs/#problem-")
    assert response.data["title"]
    assert response.data["detail"]


def test_without_a_token_the_api_answers_401_with_a_bearer_challenge() -> None:
    response = Api(None).get("/people/me")
    _is_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="plein"'


def test_a_revoked_token_or_one_of_a_deactivated_person_is_refused() -> None:
    person = PersonFactory()
    raw = token_for(person)
    assert Api(raw).get("/people/me").status_code == 200
    token_revoke(actor=person, token=person.access_tokens.get())
    response = Api(raw).get("/people/me")
    _is_problem(response, 401)
    assert 'error="invalid_token"' in response["WWW-Authenticate"]

    other = PersonFactory()
    raw = token_for(other)
    other.is_active = False
    other.save(update_fields=["is_active"])
    _is_problem(Api(raw).get("/people/me"), 401)
    _is_problem(Api("plein_nonsense").get("/people/me"), 401)


def test_each_operation_needs_its_scope() -> None:
    person = PersonFactory()
    space = SpaceFactory(kind="open")
    reader = api_as(person, (Scope.READ,))
    assert reader.get("/people/me").data["id"] == person.pk
    response = reader.post(f"/spaces/{space.slug}/join")
    _is_problem(response, 403)
    assert 'error="insufficient_scope", scope="write"' in response["WWW-Authenticate"]
    writer = api_as(person, (Scope.WRITE,))
    _is_problem(writer.get("/people/me"), 403)
    assert writer.post(f"/spaces/{space.slug}/join").status_code == 200


def test_a_provisioning_token_acts_as_nobody_here() -> None:
    admin = PersonFactory(roles=["administrator"])
    made = token_create(actor=admin, name="SCIM", scopes=[Scope.SCIM], kind="application")
    _is_problem(Api(made.raw).get("/people/me"), 403)


def test_errors_are_problems_with_the_fields_named() -> None:
    client = api_as(PersonFactory())
    response = client.post("/posts/", {"body": ""})
    _is_problem(response, 422)
    assert "body" in response.data["errors"]
    _is_problem(client.get("/posts/999999"), 404)
    _is_problem(client.get("/no/such/thing"), 404)
    _is_problem(client.get("/people/", {"limit": 1000}), 422)
    _is_problem(client.get("/people/", {"cursor": "bm9uc2Vuc2U"}), 400)
    response = client.call("put", "/people/me", {})
    _is_problem(response, 405)
    assert "GET" in response["Allow"]
    response = client.client.post(
        "/api/v1/posts/", "{not json", content_type="application/json", headers=client.headers
    )
    assert response.status_code == 400 and response["Content-Type"].startswith(PROBLEM)
    response = client.client.post(
        "/api/v1/posts/", "body=Hallo", content_type="text/plain", headers=client.headers
    )
    assert response.status_code == 415 and response["Content-Type"].startswith(PROBLEM)


def test_a_request_larger_than_accepted_is_a_413_problem(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    client = api_as(PersonFactory())
    _is_problem(client.post("/posts/", {"body": "x" * 200}), 413)


def test_a_service_refusal_is_a_422_problem_with_its_message() -> None:
    client = api_as(PersonFactory())
    space = SpaceFactory(kind="open")
    response = client.post(f"/spaces/{space.slug}/leave")
    _is_problem(response, 422)
    assert response.data["detail"] == "You are not a member of this space."


def test_rate_limits_count_per_token_and_answer_429_with_retry_after(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_API_RATE = {"read": "2/min", "write": "1/min"}
    person = PersonFactory()
    client, other = api_as(person), api_as(person)
    assert [client.get("/people/me").status_code for _ in range(2)] == [200, 200]
    response = client.get("/people/me")
    _is_problem(response, 429)
    assert int(response["Retry-After"]) > 0
    assert other.get("/people/me").status_code == 200  # another token has its own budget
    space = SpaceFactory(kind="open")
    assert client.post(f"/spaces/{space.slug}/join").status_code == 200  # writing: own budget
    _is_problem(client.post(f"/spaces/{space.slug}/join"), 429)


def test_the_schema_documents_scopes_security_and_problems() -> None:
    response = Api(None).get("/openapi.json")
    assert response.status_code == 200
    schema = response.data
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    operation = schema["paths"]["/api/v1/posts/"]["post"]
    assert operation["operationId"] == "posts_create"
    assert operation["security"] == [{"bearer": ["write"]}]
    assert operation["x-scope"] == "write"
    assert set(operation["responses"]) >= {"201", "401", "403", "422", "429"}
    problem = operation["responses"]["422"]["content"][PROBLEM]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}


def test_a_token_that_expired_is_refused() -> None:
    person = PersonFactory()
    raw = token_for(person)
    person.access_tokens.update(expires_at=timezone.now() - timedelta(seconds=1))
    _is_problem(Api(raw).get("/people/me"), 401)


def test_before_the_launch_only_those_the_launch_gate_lets_in_may_use_the_api() -> None:
    LaunchPlan.objects.create(pk=LaunchPlan.SINGLETON_PK, phase=LaunchPlan.Phase.PREPARATION)
    launch_plan_forget()
    _is_problem(api_as(PersonFactory()).get("/people/me"), 403)
    assert api_as(PersonFactory(roles=["editor"])).get("/people/me").status_code == 200
