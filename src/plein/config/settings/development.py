"""Local development: DEBUG on, a throw-away secret, mail printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="plein-development-only-not-secret")
# The demo's administrator logs in with a password only; set PLEIN_2FA_REQUIRED_ROLES to try it.
PLEIN_2FA_REQUIRED_ROLES = env.list("PLEIN_2FA_REQUIRED_ROLES", default=[])
