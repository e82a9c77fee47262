"""The SSO addresses, part of the accounts URLs (namespace "accounts")."""

from django.urls import path

from . import views

urlpatterns = [
    path("sso/oidc/login/", views.oidc_start, name="oidc_start"),
    # The redirect URI to register at the provider: <PLEIN_SITE_URL>/account/sso/oidc/callback/
    path("sso/oidc/callback/", views.oidc_callback, name="oidc_callback"),
    path("sso/saml/login/", views.saml_start, name="saml_start"),
    # The assertion consumer service (ACS) to register: <PLEIN_SITE_URL>/account/sso/saml/acs/
    path("sso/saml/acs/", views.saml_acs, name="saml_acs"),
    # Plein's metadata (its entity id unless PLEIN_SAML_ENTITY_ID says otherwise)
    path("sso/saml/metadata/", views.saml_metadata, name="saml_metadata"),
]
