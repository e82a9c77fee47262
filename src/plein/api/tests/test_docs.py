"""The documentation page is written from the schema: every operation, its scope and an example."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from plein.people.tests.factories import PersonFactory

from ..main import api

pytestmark = pytest.mark.django_db


def test_the_documentation_page_lists_every_operation_with_scope_and_example() -> None:
    client = Client()
    assert client.get(reverse("api_docs")).status_code == 302  # log in first
    client.force_login(PersonFactory())
    response = client.get(reverse("api_docs"))
    assert response.status_code == 200
    html = response.content.decode()
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len(operations) > 25
    for operation in operations:
        assert f'id="{operation["operationId"]}"' in html
    assert "curl -X POST &#x27;http://127.0.0.1:8000/api/v1/news/&#x27;" in html
    assert "Bearer $PLEIN_TOKEN" in html
    assert "multipart/form-data" in html
    assert reverse("accounts:settings") in html
