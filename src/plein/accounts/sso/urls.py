"""The SSO addresses, part of the accounts URLs (namespace "accounts")."""

from django.urls import path

from . import views

urlpatterns = [
    path("sso/oidc/login/", views.oidc_start, name="oidc_start"),
    # The redirect URI to register at the provider: <PLEIN_SITE_URL>/account/sso/oidc/callback/
    path("sso/oidc/callback/", views.oidc_callback, name="oidc_callback"),
]
