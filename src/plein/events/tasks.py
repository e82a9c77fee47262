"""Background work for the agenda: reminders before events start.

django-tasks has no periodic scheduler, so the schedule re-queues itself: `plein
send-event-reminders --schedule` queues `reminder_schedule` once; each run queues the reminders
that are due and the next run 15 minutes later. Without a worker chain, a cron line does the same:

    */15 * * * *  plein send-event-reminders
"""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def reminder_schedule() -> int:
    sent = services.reminders_send()
    services.reminder_schedule_next()
    return sent
