"""Pick the settings for the environment named by PLEIN_ENV (development by default)."""

import os

_env = os.environ.get("PLEIN_ENV", "development").strip().lower()

if _env == "production":
    from .production import *  # noqa: F403
elif _env == "test":
    from .test import *  # noqa: F403
elif _env == "development":
    from .development import *  # noqa: F403
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"PLEIN_ENV must be 'development', 'production' or 'test', not {_env!r}."
    )
