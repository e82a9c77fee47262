"""Test runs: fast hashing, in-memory mail, no throttling surprises from earlier tests."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
# Tests read English source strings; tests of the Dutch default set nl explicitly.
LANGUAGE_CODE = "en"
SECRET_KEY = "plein-tests-only"  # noqa: S105
# Two-factor authentication is off for the other tests; its own tests switch it on.
PLEIN_2FA_REQUIRED_ROLES = []
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, inside the test; a test of the worker path switches to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each test process gets a directory of its own (parallel workers and concurrent test runs never
# mix) for what the default set-up keeps in files: the cache and the SQLite test database. Other
# processes can share both as they do under `make run`: a test may start a task worker with
# PLEIN_VAR_DIR set to this directory (see tests/browser/test_go_live_worker.py).
# conftest.py makes the directory, and removes it when the run ends.
TEST_DIR = Path(
    env.str(
        "PLEIN_TEST_DIR", default=str(Path(tempfile.gettempdir()) / f"plein-test-{os.getpid()}")
    )
)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(TEST_DIR / "cache"),
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_DIR / "test.sqlite3")}
MEDIA_ROOT = env.path("PLEIN_TEST_MEDIA_ROOT", default="/tmp/plein-test-media")  # noqa: S108
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # type: ignore[assignment]  # tests serve static files through the finders, nothing is collected
