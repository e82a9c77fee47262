"""Test runs: fast hashing, in-memory mail, no throttling surprises from earlier tests."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# Tests read English source strings; tests of the Dutch default set nl explicitly.
LANGUAGE_CODE = "en"
SECRET_KEY = "plein-tests-only"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, inside the test; a test of the worker path switches to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = env.path("PLEIN_TEST_MEDIA_ROOT", default="/tmp/plein-test-media")  # noqa: S108
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # type: ignore[assignment]  # tests serve static files through the finders, nothing is collected
