"""Single sign-on: OpenID Connect (mozilla-django-oidc) and SAML 2.0 (djangosaml2), both
through one identity rule (identity.py, services.py)."""
