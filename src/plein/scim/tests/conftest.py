import pytest

from plein.accounts.tokens.services import token_create
from plein.people.tests.factories import PersonFactory


@pytest.fixture
def scim_token(db) -> str:  # type: ignore[no-untyped-def]
    administrator = PersonFactory(roles=["administrator"])
    return token_create(
        actor=administrator, name="Entra ID", kind="application", scopes=["scim"]
    ).raw


@pytest.fixture
def scim(client, scim_token):  # type: ignore[no-untyped-def]
    """A Django test client that talks SCIM: scim.get/post/put/patch/delete("/Users", {...})."""
    import json

    class Scim:
        def __init__(self) -> None:
            self.headers = {"Authorization": f"Bearer {scim_token}"}

        def _send(self, method: str, path: str, body: object = None, **params: str):  # type: ignore[no-untyped-def]
            call = getattr(client, method)
            url = "/scim/v2" + path
            if method in {"get", "delete"}:
                return call(url, params, headers=self.headers)
            return call(
                url, json.dumps(body), content_type="application/scim+json", headers=self.headers
            )

        def get(self, path: str, **params: str):  # type: ignore[no-untyped-def]
            return self._send("get", path, **params)

        def post(self, path: str, body: object):  # type: ignore[no-untyped-def]
            return self._send("post", path, body)

        def put(self, path: str, body: object):  # type: ignore[no-untyped-def]
            return self._send("put", path, body)

        def patch(self, path: str, *operations: dict):  # type: ignore[no-untyped-def]
            return self._send(
                "patch",
                path,
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": list(operations),
                },
            )

        def delete(self, path: str):  # type: ignore[no-untyped-def]
            return self._send("delete", path)

    return Scim()
