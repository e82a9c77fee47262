"""Local development: DEBUG on, a throw-away secret, mail printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="plein-development-only-not-secret")
