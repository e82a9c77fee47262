"""Background work for the agenda: reminders before events start.

The scheduled job "event-reminders" (`REMINDERS`, registered in EventsConfig.ready()) sends the
reminders that are due every 15 minutes: `plein schedule` queues it, or a cron line runs
`plein schedule --run event-reminders` (see `plein schedule --cron`).
"""

from __future__ import annotations

from django_tasks import task

from plein.core.registries.schedule import Job

from . import services


@task()
def reminder_schedule() -> int:
    """Send the reminders that are due (the schedule queues the next run)."""
    return services.reminders_send()


REMINDERS = Job(
    key="event-reminders",
    order=20,
    task=reminder_schedule,
    next_run=services.next_reminder_run,
    cron=lambda: "*/15 * * * *",
    label="E-mail a reminder to the people going to events that start soon",
)
