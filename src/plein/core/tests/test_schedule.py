import signal
from datetime import datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from plein.core import schedule
from plein.core.registries.schedule import SCHEDULE, Job, job_of
from plein.core.tasks import enqueue_later_once

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
KEYS = [
    "availability-feeds",
    "digests",
    "event-reminders",
    "document-reviews",
    "adoption-rollup",
    "nudges",
    "adoption-report",
    "search-misses-prune",
    "search-tasks-check",
    "search-prune",
    "audit-prune",
    "token-expiry-warnings",
    "webhooks-due",
    "webhooks-questions",
    "webhooks-prune",
    "data-export-prune",
]
RUNS: list[str] = []


@task()
def tick() -> int:
    RUNS.append("tick")
    return len(RUNS)


@task()
def broken() -> int:
    raise RuntimeError("the job failed")


def in_an_hour(now: datetime) -> datetime:
    return now + timedelta(hours=1)


TICK = Job("tick", 99, tick, in_an_hour, lambda: "5 * * * *", "Tick every hour")
BROKEN = Job("broken", 98, broken, in_an_hour, lambda: "6 * * * *", "Fail every hour")


@pytest.fixture(autouse=True)
def no_runs():
    RUNS.clear()


def command(*args: str) -> str:
    out = StringIO()
    call_command("schedule", *args, stdout=out)
    return out.getvalue()


def ready_rows(job: Job):  # type: ignore[no-untyped-def]
    return DBTaskResult.objects.filter(
        task_path=job.task.module_path, status=TaskResultStatus.READY
    )


def test_every_app_registers_its_jobs_in_their_order() -> None:
    jobs = SCHEDULE.all()
    assert [job.key for job in jobs] == KEYS
    for job in jobs:
        assert job_of(job.task) is job
        assert job.label
        assert len(job.cron().split()) == 5
        now = timezone.now()
        assert now < job.next_run(now) <= now + timedelta(days=7)


def test_a_registered_job_is_there_inside_the_block_only() -> None:
    with SCHEDULE.registered(TICK):
        assert SCHEDULE.all()[-1] is TICK
        assert job_of(tick) is TICK
    assert "tick" not in SCHEDULE
    assert job_of(tick) is None


@pytest.mark.django_db
def test_schedule_queues_each_job_once(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    first = command()
    second = command()
    for job in SCHEDULE.all():
        assert ready_rows(job).count() == 1
        assert f"{job.key}: queued; next run " in first
        assert f"{job.key}: already queued; nothing changed; next run " in second
    assert DBTaskResult.objects.count() == len(KEYS)


@pytest.mark.django_db
def test_schedule_needs_a_backend_that_can_wait() -> None:
    with pytest.raises(CommandError, match="cannot run tasks later"):
        command()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_list_shows_each_job_its_next_run_and_whether_it_is_queued(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    before = command("--list").splitlines()
    assert before[0].split() == ["JOB", "NEXT", "RUN", "QUEUED", "WHAT"]
    assert [line.split()[0] for line in before[1:]] == KEYS
    assert all(line.split()[3] == "no" for line in before[1:])

    command()
    after = command("--list")
    for job in SCHEDULE.all():
        run_after = ready_rows(job).get().run_after
        when = f"{timezone.localtime(run_after):%Y-%m-%d %H:%M}"
        line = next(line for line in after.splitlines() if line.startswith(f"{job.key} "))
        assert line.split()[1:4] == [*when.split(), "yes"]
        assert line.endswith(job.label)


def test_cron_prints_a_line_for_each_job_at_its_times(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_DIGEST_HOUR = 6
    settings.PLEIN_ADOPTION_REPORT_HOUR = 8
    lines = command("--cron").splitlines()
    assert "CRON_TZ=Europe/Amsterdam" in lines
    jobs = {line.rsplit(" ", 1)[1]: line for line in lines if "schedule --run " in line}
    assert list(jobs) == KEYS
    assert jobs["digests"].startswith("0 6 * * *  ")
    assert jobs["event-reminders"].startswith("*/15 * * * *  ")
    assert jobs["adoption-report"].startswith("0 8 * * 1  ")
    assert all(line.split()[5].endswith("plein") for line in jobs.values())
    # Each line comes after a comment saying what it does.
    for job in SCHEDULE.all():
        assert lines[lines.index(jobs[job.key]) - 1] == f"# {job.label}"


@pytest.mark.django_db
def test_run_runs_one_job_now_and_queues_nothing(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    with SCHEDULE.registered(TICK):
        assert command("--run", "tick") == "tick: done (1).\n"
    assert RUNS == ["tick"]
    assert not DBTaskResult.objects.exists()
    with pytest.raises(
        CommandError, match="No scheduled job 'tock'; the jobs are: availability-feeds, digests, "
    ):
        command("--run", "tock")


@pytest.mark.django_db
def test_a_job_run_on_the_immediate_backend_queues_no_next_run() -> None:
    with SCHEDULE.registered(TICK):
        assert tick.enqueue().return_value == 1
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_two_processes_queueing_at_once_leave_one_run_waiting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    later = timezone.now() + timedelta(hours=2)
    first = tick.using(run_after=later).enqueue()
    # Another process found nothing waiting a moment before the first run was queued.
    with mock.patch("plein.core.tasks.is_waiting", return_value=False):
        assert enqueue_later_once(tick, run_after=later + timedelta(minutes=1)) is None
    assert [str(row.id) for row in ready_rows(TICK)] == [str(first.id)]
    with SCHEDULE.registered(TICK):
        queued = schedule.queue_next(TICK)
    assert (queued.new, queued.run_after) == (False, later)


@pytest.fixture
def signal_handlers():
    """The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.django_db(transaction=True)
def test_a_job_queues_its_next_run_after_it_ran_or_failed(settings, signal_handlers) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    with SCHEDULE.registered(TICK, BROKEN):
        ran = tick.enqueue()
        failed = broken.enqueue()
        start = timezone.now()
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
        end = timezone.now()
        # Queued from the finished runs: a second worker pass has nothing to do before then.
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    assert RUNS == ["tick"]
    assert DBTaskResult.objects.get(id=ran.id).status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(id=failed.id).status == TaskResultStatus.FAILED
    for job in (TICK, BROKEN):
        run_after = ready_rows(job).get().run_after
        assert start + timedelta(hours=1) <= run_after <= end + timedelta(hours=1)
