"""A real SAML 2.0 identity provider on loopback for the tests: pysaml2's Server behind a small
WSGI app in a thread, with a throwaway key and certificate (cryptography). It answers Plein's
authentication request (HTTP-Redirect) with a signed assertion posted back to Plein's ACS
(HTTP-POST) for the person the test chose."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import saml2
import werkzeug.serving
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from werkzeug.wrappers import Request, Response

XMLSEC = shutil.which("xmlsec1")


def require_xmlsec() -> None:
    """Skip a SAML test where xmlsec1 is missing; set PLEIN_REQUIRE_XMLSEC=1 (CI does) to turn
    that into a failure instead."""
    if XMLSEC:
        return
    message = "xmlsec1 not found: install Debian's 'xmlsec1' package"
    if os.environ.get("PLEIN_REQUIRE_XMLSEC"):
        pytest.fail(message)
    pytest.skip(message)


def key_pair(folder: Path, name: str) -> tuple[str, str]:
    """A throwaway RSA key and self-signed certificate, as PEM files in `folder`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


@dataclass
class IdentityProvider:
    base: str
    server: Server
    metadata_xml: str
    # Who logs in next: the NameID and the attributes (friendly names: mail, givenName, sn...).
    subject: str = ""
    attributes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def entity_id(self) -> str:
        return self.base + "/metadata"

    def log_in_as(self, subject: str, **attributes: str) -> None:
        self.subject = subject
        self.attributes = {name: [value] for name, value in attributes.items()}

    def answer(self, saml_request: str, relay_state: str) -> str:
        """The auto-posting HTML form with the signed response to an authentication request."""
        request = self.server.parse_authn_request(saml_request, saml2.BINDING_HTTP_REDIRECT)
        message = request.message
        response = self.server.create_authn_response(
            identity=self.attributes,
            in_response_to=message.id,
            destination=message.assertion_consumer_service_url,
            sp_entity_id=message.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=self.subject),
            authn={"class_ref": saml2.saml.AUTHN_PASSWORD_PROTECTED},
            sign_assertion=True,
            sign_response=False,
        )
        http = self.server.apply_binding(
            saml2.BINDING_HTTP_POST,
            str(response),
            message.assertion_consumer_service_url,
            relay_state,
            response=True,
        )
        return str(http["data"])

    def wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        if request.path == "/metadata":
            response = Response(self.metadata_xml, mimetype="application/samlmetadata+xml")
        elif request.path == "/sso/redirect":
            html = self.answer(request.args["SAMLRequest"], request.args.get("RelayState", ""))
            response = Response(html, mimetype="text/html")
        else:
            response = Response("Not found", status=404)
        return response(environ, start_response)


def posted_form(html: str) -> tuple[str, dict[str, str]]:
    """The action and fields of the form the provider's page posts (what a browser sends)."""
    action = unescape(re.search(r'action="([^"]+)"', html).group(1))  # type: ignore[union-attr]
    fields = {
        unescape(name): unescape(value)
        for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', html)
    }
    return action, fields


@contextmanager
def running_identity_provider() -> Iterator[IdentityProvider]:
    """An identity provider on a free loopback port, stopped when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="plein-saml-idp-"))
    key_file, cert_file = key_pair(folder, "idp")
    # "localhost" like Plein's live server: the same site, so the browser sends Plein's SAML
    # session cookie (SameSite=Lax on plain http) with the provider's POST back.
    server = werkzeug.serving.make_server(
        "localhost", 0, lambda e, s: idp.wsgi(e, s), threaded=True
    )
    base = f"http://localhost:{server.server_port}"
    config = IdPConfig()
    config.load(
        {
            "entityid": base + "/metadata",
            "xmlsec_binary": XMLSEC,
            "key_file": key_file,
            "cert_file": cert_file,
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [
                            (base + "/sso/redirect", saml2.BINDING_HTTP_REDIRECT)
                        ]
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "policy": {"default": {"lifetime": {"minutes": 5}}},
                }
            },
        }
    )
    idp = IdentityProvider(
        base=base,
        server=Server(config=config),
        metadata_xml=create_metadata_string(None, config=config, sign=False).decode(),
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield idp
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
