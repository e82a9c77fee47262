"""SAML 2.0 with djangosaml2 (pysaml2 and xmlsec1), configured from Plein's settings
(PLEIN_SAML_*), for organisations whose identity provider speaks only SAML (AD FS, older set-ups).

The identity provider's metadata comes from a URL (kept in Django's shared cache for an hour)
or a file. Responses must carry a signed assertion, answer a request Plein made (no unsolicited
responses) and be within their validity period; then the same identity rule as OpenID Connect
applies (services.identity_sign_in).
"""

from __future__ import annotations

import logging
import shutil
from typing import Any

import requests
import saml2
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from djangosaml2 import views as saml_views
from saml2.config import SPConfig

from plein.people.models import Person

from .identity import SignInRefused, claims_from
from .models import ExternalIdentity
from .pages import log_in, refused
from .services import identity_sign_in

logger = logging.getLogger(__name__)

METADATA_CACHE_SECONDS = 60 * 60
TIMEOUT_SECONDS = 10

# Plein's names for the attributes, and the names identity providers use for them (the first
# one present counts). pysaml2 turns the claim URIs of AD FS and Entra ID into the short names.
# A blank subject: the NameID (ask the provider for a persistent one).
ADFS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/"
DEFAULT_SAML_ATTRIBUTES: dict[str, str] = {
    "subject": "",
    "email": f"email|mail|emailAddress|{ADFS}emailaddress",
    "first_name": f"givenName|firstName|{ADFS}givenname",
    "last_name": f"surname|sn|lastName|{ADFS}surname",
    "name": f"displayName|cn|name|{ADFS}name",
    "employee_number": "",
    "department": "",
    "job_title": "",
}


NAME_ID = "(NameID)"  # the subject when no attribute is mapped to it


def enabled() -> bool:
    return bool(settings.PLEIN_SAML_IDP_METADATA_URL or settings.PLEIN_SAML_IDP_METADATA_FILE)


def attribute_mapping() -> dict[str, str]:
    return {**DEFAULT_SAML_ATTRIBUTES, **settings.PLEIN_SAML_ATTRIBUTES}


def _idp_metadata() -> dict[str, list[Any]]:
    if settings.PLEIN_SAML_IDP_METADATA_FILE:
        return {"local": [str(settings.PLEIN_SAML_IDP_METADATA_FILE)]}
    url = str(settings.PLEIN_SAML_IDP_METADATA_URL)
    key = f"plein:saml:metadata:{url}"
    xml = cache.get(key)
    if xml is None:
        response = requests.get(url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        xml = response.text
        cache.set(key, xml, METADATA_CACHE_SECONDS)
    return {"inline": [xml]}


def config_loader(request: HttpRequest | None = None) -> SPConfig:
    """djangosaml2's configuration (SAML_CONFIG_LOADER), built from Plein's settings."""
    base = request.build_absolute_uri("/") if request is not None else settings.PLEIN_SITE_URL
    base = base.rstrip("/")
    acs = base + reverse("accounts:saml_acs")
    sp: dict[str, Any] = {
        "name": "Plein",
        "endpoints": {"assertion_consumer_service": [(acs, saml2.BINDING_HTTP_POST)]},
        "allow_unsolicited": False,
        "want_assertions_signed": True,
        "want_response_signed": False,
        "authn_requests_signed": bool(settings.PLEIN_SAML_KEY_FILE),
        "name_id_format": settings.PLEIN_SAML_NAME_ID_FORMAT,
        "allow_unknown_attributes": True,
    }
    config: dict[str, Any] = {
        "entityid": settings.PLEIN_SAML_ENTITY_ID or base + reverse("accounts:saml_metadata"),
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "service": {"sp": sp},
        "metadata": _idp_metadata(),
        "accepted_time_diff": 60,
    }
    if settings.PLEIN_SAML_KEY_FILE:
        config["key_file"] = str(settings.PLEIN_SAML_KEY_FILE)
        config["cert_file"] = str(settings.PLEIN_SAML_CERT_FILE)
        config["encryption_keypairs"] = [
            {"key_file": config["key_file"], "cert_file": config["cert_file"]}
        ]
    conf = SPConfig()
    conf.load(config)
    return conf


def _person_from(session_info: dict[str, Any]) -> Person:
    """Applies the identity rule to what the provider asserted."""
    mapping = attribute_mapping()
    raw = dict(session_info.get("ava") or {})
    if not mapping["subject"]:
        mapping["subject"] = NAME_ID
        raw[NAME_ID] = getattr(session_info.get("name_id"), "text", "")
    claims = claims_from(
        raw,
        protocol=ExternalIdentity.Protocol.SAML,
        issuer=str(session_info.get("issuer") or ""),
        mapping=mapping,
    )
    return identity_sign_in(claims=claims, create_people=settings.PLEIN_SSO_CREATE_PEOPLE)


class AssertionConsumerView(saml_views.AssertionConsumerServiceView):
    """Receives the provider's response: djangosaml2 and pysaml2 check it; Plein's identity
    rule decides who logs in."""

    refusal = SignInRefused.INVALID

    def authenticate_user(
        self,
        request: HttpRequest,
        session_info: dict[str, Any],
        attribute_mapping: Any,
        create_unknown_user: Any,
        assertion_info: Any,
    ) -> Person:
        try:
            person = _person_from(session_info)
        except SignInRefused as refusal:
            logger.info("SAML: login refused (%s)", refusal)
            self.refusal = refusal.reason
            raise PermissionDenied(str(refusal)) from refusal
        log_in(request, person, ExternalIdentity.Protocol.SAML)
        return person

    def handle_acs_failure(
        self, request: HttpRequest, exception: Any = None, status: int = 403, **kwargs: Any
    ) -> HttpResponse:
        return refused(request, self.refusal)


class LoginStartView(saml_views.LoginView):
    """Sends the browser to the provider with an authentication request (HTTP-Redirect)."""


class MetadataView(saml_views.MetadataView):
    """Plein's metadata as a service provider: give its address to the identity provider."""
