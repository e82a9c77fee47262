"""Two-factor authentication: an authenticator app (TOTP, django-otp) and one-time recovery
codes; required for some roles when they log in with a password (PLEIN_2FA_REQUIRED_ROLES)."""
