"""Background work for the launch: invitations, sent in batches that queue the next one, and the
go-live at a scheduled moment."""

from django_tasks import task

from . import services


@task()
def send_invitations(after_pk: int = 0) -> int:
    """Invite one batch, then queue the next batch; returns how many were sent in this one.

    Resumable: whoever has an invitation row is skipped, so running it again (`plein
    send-invitations`) continues where a stopped run left off, and never invites anyone twice."""
    sent, last = services.invitations_send_batch(after_pk=after_pk)
    if last is not None:
        send_invitations.enqueue(after_pk=last)
    return sent


@task()
def go_live_when_due() -> bool:
    """The go-live the community manager scheduled: queued for the launch moment by
    services.launch_go_live_schedule() (one waits at a time; moving or cancelling the moment
    withdraws it). Checks the plan when it runs, so a stale run changes nothing."""
    return services.launch_go_live_when_due()
