"""Go-live through the browser with the task worker in a process of its own, as `make run` runs
it (issue 13): the worker must see the new phase the moment the web server changed it, so every
invitation goes out, once, and *Send the invitations still due* sends what is due.

The worker is `plein db_worker` with the default settings (no REDIS_URL), on the live server's
test database (a file on SQLite, see settings/test.py) and the test run's cache directory
(PLEIN_VAR_DIR). It writes e-mail to files, one message per file."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from plein.core.models import Branding
from plein.launch import services
from plein.launch.models import Invitation, LaunchPlan
from plein.people.tests.factories import DEFAULT_PASSWORD, DepartmentFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WAIT_SECONDS = 90


def _database_url() -> str:
    """The live server's (test) database as a DATABASE_URL for another process."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        assert not connection.is_in_memory_db(), "the worker needs the database in a file"
        return f"sqlite:///{db['NAME']}"
    login = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        login += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    return f"postgres://{login}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    mail_dir: Path
    log: Path

    def invitations(self) -> Counter[str]:
        """How many launch invitations each address received."""
        received: Counter[str] = Counter()
        for path in sorted(self.mail_dir.glob("*.log")) if self.mail_dir.exists() else []:
            for chunk in path.read_text().split("-" * 79):
                if chunk.strip():
                    message = email.message_from_string(chunk.strip(), policy=email.policy.default)
                    if str(message["Subject"]).startswith("Je bent uitgenodigd: Dorpsplein"):
                        received[str(message["To"])] += 1
        return received

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while not condition():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Waited in vain for {what}. Worker log:\n{self.log.read_text()}")
            time.sleep(0.25)


@pytest.fixture
def task_worker(transactional_db, live_server, settings, tmp_path) -> Iterator[Worker]:  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS  # the live server queues tasks in the database
    mail_dir, log = tmp_path / "mail", tmp_path / "worker.log"
    unwanted = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in unwanted}
    env.update(
        {
            "PLEIN_ENV": "development",
            "DEBUG": "false",
            "SECRET_KEY": settings.SECRET_KEY,
            "DATABASE_URL": _database_url(),
            "PLEIN_VAR_DIR": str(settings.TEST_DIR),  # the cache: $PLEIN_VAR_DIR/cache
            "EMAIL_URL": f"filemail:///{mail_dir}",
            "LOG_LEVEL": "WARNING",
        }
    )
    command = [sys.executable, "-m", "plein.manage", "db_worker", "--no-reload"]
    command += ["--no-startup-delay", "--interval", "0.2"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield Worker(process, mail_dir, log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def test_go_live_reaches_everyone_through_a_separate_worker(visitor, task_worker) -> None:  # type: ignore[no-untyped-def]
    Branding.objects.create(pk=1, intranet_name="Dorpsplein", organisation_name="Gemeente")
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"], language="nl")
    pilot = DepartmentFactory()
    testers = PersonFactory.create_batch(2, department=pilot, language="nl")
    others = PersonFactory.create_batch(4, department=DepartmentFactory(), language="nl")
    everyone = {p.email for p in [manager, *testers, *others]}
    services.launch_plan_update(by=manager, launch_date=None, pilot_departments=[pilot])
    services.launch_phase_set(by=manager, phase=LaunchPlan.Phase.PREPARATION)
    page = visitor.page
    worker = task_worker

    # The pilot starts: the worker invites its participants (and so learns the phase).
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/launch/")
    page.click("#launch-start-pilot")
    page.wait_for_url(visitor.url("/launch/"))
    pilot_invited = {manager.email, *(p.email for p in testers)}
    worker.wait_for("the pilot's invitations", lambda: Invitation.objects.count() == 3)
    worker.wait_for("the pilot's e-mail", lambda: set(worker.invitations()) == pilot_invited)

    # Go live below the readiness score: a confirmation names what is missing, then it goes.
    visitor.visit("/launch/go-live/")
    page.fill("#id_announcement_title", "Dorpsplein is open!")
    page.click("#launch-go-live-confirm")
    page.wait_for_selector("#launch-missing")
    visitor.check_accessibility()
    assert LaunchPlan.objects.get().phase == LaunchPlan.Phase.PILOT
    page.click("#launch-go-live-anyway")
    page.wait_for_url(visitor.url("/launch/"))
    assert LaunchPlan.objects.get().phase == LaunchPlan.Phase.LAUNCHED

    worker.wait_for("everyone's invitation", lambda: Invitation.objects.count() == len(everyone))
    worker.wait_for("everyone's e-mail", lambda: set(worker.invitations()) == everyone)
    assert set(worker.invitations().values()) == {1}  # each person once
    visitor.visit("/launch/")
    assert "7 uitnodigingen verstuurd" in page.inner_text("#launch-invitations")

    # Someone joins later: "Send the invitations still due" reaches them, and only them.
    newcomer = PersonFactory(email="nieuw@example.org", language="nl")
    visitor.visit("/launch/")
    assert "1 moet nog worden verstuurd" in page.inner_text("#launch-invitations")
    page.click("#launch-invitations-resume")
    page.wait_for_url(visitor.url("/launch/"))
    worker.wait_for("the newcomer's e-mail", lambda: newcomer.email in worker.invitations())
    received = worker.invitations()
    assert set(received) == everyone | {newcomer.email} and set(received.values()) == {1}
    visitor.visit("/launch/")
    assert "8 uitnodigingen verstuurd" in page.inner_text("#launch-invitations")
