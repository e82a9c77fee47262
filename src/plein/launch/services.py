"""The launch's one write path: plan, phases, go-live, invitations and the naming contest."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from plein.core import audit
from plein.core.mail import in_language_of, render_email, render_subject
from plein.core.paths import absolute_url
from plein.core.permissions import require
from plein.core.selectors import branding_get
from plein.core.services import branding_update
from plein.core.tasks import enqueue_later_once, withdraw_waiting
from plein.news.services import news_create
from plein.people.models import Department, Person
from plein.polls import selectors as poll_selectors
from plein.polls import services as poll_services
from plein.polls.models import Contest

from . import permissions, tasks
from .models import Invitation, LaunchPlan
from .permissions import entrants
from .selectors import launch_plan_forget

logger = logging.getLogger(__name__)

INVITATION_BATCH = 200
SCHEDULE_SLACK = timedelta(minutes=1)  # a worker's clock may run a little behind the web's
Phase = LaunchPlan.Phase


def _plan_for_update() -> LaunchPlan:
    plan, _created = LaunchPlan.objects.select_for_update().get_or_create(
        pk=LaunchPlan.SINGLETON_PK
    )
    return plan


def _forget_on_commit() -> None:
    launch_plan_forget()  # this request sees the change, and after commit every other one
    transaction.on_commit(launch_plan_forget)


@transaction.atomic
def launch_plan_update(
    *,
    by: Person,
    launch_date: datetime | None,
    pilot_departments: Sequence[Department] = (),
    pilot_people: Sequence[Person] = (),
) -> LaunchPlan:
    """Set the launch date and who takes part in the pilot."""
    require(permissions.can_manage_launch(by))
    plan = _plan_for_update()
    if launch_date is not None and plan.launched_at is None and launch_date < timezone.now():
        raise ValidationError({"launch_date": _("Choose a launch date in the future.")})
    if plan.is_go_live_scheduled and launch_date != plan.launch_date:
        if launch_date is None:
            raise ValidationError(
                {
                    "launch_date": _(
                        "The go-live is scheduled for this date. Cancel the scheduled go-live "
                        "first, or choose another moment."
                    )
                }
            )
        _go_live_requeue_on_commit(launch_date)  # the scheduled go-live moves with the date
    plan.launch_date = launch_date
    plan.save(update_fields=["launch_date", "updated_at"])
    plan.pilot_departments.set(pilot_departments)
    plan.pilot_people.set(pilot_people)
    _forget_on_commit()
    return plan


@transaction.atomic
def launch_phase_set(*, by: Person, phase: str) -> LaunchPlan:
    """Move between preparation and pilot before the launch. Starting the pilot invites its
    participants; going live is launch_go_live()."""
    require(permissions.can_manage_launch(by))
    if phase not in (Phase.PREPARATION, Phase.PILOT):
        raise ValidationError(_("Choose preparation or pilot."))
    plan = _plan_for_update()
    if plan.launched_at is not None:
        raise ValidationError(
            _("The intranet went live on %(date)s; it cannot go back to an earlier phase.")
            % {"date": timezone.localtime(plan.launched_at).strftime("%d-%m-%Y")}
        )
    if phase == Phase.PILOT and not (plan.pilot_departments.exists() or plan.pilot_people.exists()):
        raise ValidationError(_("Choose the pilot's departments or people first."))
    old_phase = plan.phase
    plan.phase = phase
    plan.save(update_fields=["phase", "updated_at"])
    if old_phase != phase:
        audit.record(
            action=audit.LAUNCH_PHASE_CHANGED,
            actor=by,
            target=plan,
            target_label=str(plan.get_phase_display()),
            details={"from": old_phase, "to": phase},
        )
    _forget_on_commit()
    if phase == Phase.PILOT:
        invitations_enqueue()
    return plan


def _announcement(*, title: str, lead: str, body: str) -> dict[str, str]:
    """The launch announcement's texts, checked; raises ValidationError naming the fields."""
    title = " ".join(title.split())
    errors = {}
    if not title:
        errors["announcement_title"] = _("Give the launch announcement a title.")
    if not lead.strip():
        errors["announcement_lead"] = _("Write a short lead: one or two sentences.")
    if not body.strip():
        errors["announcement_body"] = _("Write the launch announcement.")
    if errors:
        raise ValidationError(errors)
    return {"title": title, "lead": lead, "body": body}


def _go_live(
    plan: LaunchPlan, *, by: Person, title: str, lead: str, body: str, send_invitations: bool
) -> LaunchPlan:
    """Open the locked plan to everyone (the caller checked who may and that it is not live)."""
    texts = _announcement(title=title, lead=lead, body=body)
    post = news_create(
        author=by, title=texts["title"], lead=texts["lead"], body=texts["body"], featured=True
    ).post
    if plan.is_go_live_scheduled:
        _go_live_requeue_on_commit(None)
    plan.phase = Phase.LAUNCHED
    plan.launched_at = timezone.now()
    plan.announcement = post
    plan.go_live_by = None
    plan.go_live_announcement = {}
    plan.save(
        update_fields=[
            "phase",
            "launched_at",
            "announcement",
            "go_live_by",
            "go_live_announcement",
            "updated_at",
        ]
    )
    audit.record(
        action=audit.WENT_LIVE,
        actor=by,
        target=plan,
        target_label=str(plan.get_phase_display()),
        details={"invitations": send_invitations},
    )
    _forget_on_commit()
    if send_invitations:
        invitations_enqueue()
    return plan


def _plan_not_live_for_update() -> LaunchPlan:
    plan = _plan_for_update()
    if plan.phase == Phase.LAUNCHED and plan.launched_at is not None:
        raise ValidationError(_("The intranet is live already."))
    return plan


@transaction.atomic
def launch_go_live(
    *,
    by: Person,
    announcement_title: str,
    announcement_lead: str,
    announcement_body: str,
    send_invitations: bool = True,
) -> LaunchPlan:
    """Open the intranet to everyone: the phase becomes launched, the launch announcement is
    published as featured news for everyone, and (unless switched off) everyone not yet
    invited gets an invitation. A scheduled go-live is done with."""
    require(permissions.can_manage_launch(by))
    plan = _plan_not_live_for_update()
    return _go_live(
        plan,
        by=by,
        title=announcement_title,
        lead=announcement_lead,
        body=announcement_body,
        send_invitations=send_invitations,
    )


@transaction.atomic
def launch_go_live_schedule(
    *,
    by: Person,
    at: datetime,
    announcement_title: str,
    announcement_lead: str,
    announcement_body: str,
    send_invitations: bool = True,
) -> LaunchPlan:
    """Have the intranet go live by itself at `at`, as launch_go_live() would; `at` becomes the
    launch date. Scheduling again changes the moment and the announcement."""
    require(permissions.can_manage_launch(by))
    plan = _plan_not_live_for_update()
    texts = _announcement(title=announcement_title, lead=announcement_lead, body=announcement_body)
    if at <= timezone.now():
        raise ValidationError({"go_live_at": _("Choose a moment in the future.")})
    if not tasks.go_live_when_due.get_backend().supports_defer:
        raise ValidationError(
            _("Going live at a set moment needs the task worker's queue; go live by hand instead.")
        )
    plan.launch_date = at
    plan.go_live_by = by
    plan.go_live_announcement = {**texts, "send_invitations": bool(send_invitations)}
    plan.save(update_fields=["launch_date", "go_live_by", "go_live_announcement", "updated_at"])
    _forget_on_commit()
    _go_live_requeue_on_commit(at)
    return plan


@transaction.atomic
def launch_go_live_unschedule(*, by: Person) -> LaunchPlan:
    """Cancel the scheduled go-live; the launch date stays, as a plan."""
    require(permissions.can_manage_launch(by))
    plan = _plan_for_update()
    if not plan.is_go_live_scheduled:
        raise ValidationError(_("No go-live is scheduled."))
    plan.go_live_by = None
    plan.go_live_announcement = {}
    plan.save(update_fields=["go_live_by", "go_live_announcement", "updated_at"])
    _forget_on_commit()
    _go_live_requeue_on_commit(None)
    return plan


@transaction.atomic
def launch_go_live_when_due() -> bool:
    """The scheduled go-live, run by its task at the launch moment; True when it went live.

    Does nothing when nothing is scheduled any more, or the moment moved later (a task for the
    new moment waits), so a stale run is harmless."""
    plan = LaunchPlan.objects.select_for_update().filter(pk=LaunchPlan.SINGLETON_PK).first()
    if plan is None or not plan.is_go_live_scheduled or plan.go_live_by is None:
        return False
    if plan.launch_date is None or plan.launch_date > timezone.now() + SCHEDULE_SLACK:
        return False
    texts = plan.go_live_announcement
    _go_live(
        plan,
        by=plan.go_live_by,
        title=str(texts.get("title", "")),
        lead=str(texts.get("lead", "")),
        body=str(texts.get("body", "")),
        send_invitations=bool(texts.get("send_invitations", True)),
    )
    logger.info("The scheduled go-live happened at %s", plan.launched_at)
    return True


def _go_live_requeue_on_commit(at: datetime | None) -> None:
    """After commit, withdraw the waiting go-live task and queue one for `at` (None: none)."""
    transaction.on_commit(partial(_go_live_requeue, at))


def _go_live_requeue(at: datetime | None) -> None:
    withdraw_waiting(tasks.go_live_when_due)
    if at is not None:
        enqueue_later_once(tasks.go_live_when_due, run_after=at)


def invitations_enqueue() -> None:
    """Start (or resume) sending invitations once the current transaction is committed."""
    transaction.on_commit(partial(tasks.send_invitations.enqueue, after_pk=0))


def _invitations_due(*, after_pk: int = 0) -> QuerySet[Person]:
    return (
        entrants(Person.objects.filter(is_active=True, pk__gt=after_pk))
        .exclude(email="")
        .exclude(launch_invitation__isnull=False)
        .exclude(notification_settings__email_invitations=False)
    )


def invitation_recipients(*, after_pk: int = 0) -> list[Person]:
    """The next batch of people to invite: active, allowed in now, with an e-mail address, not
    invited before and not opted out of e-mails from the intranet team."""
    return list(
        _invitations_due(after_pk=after_pk)
        .select_related("department")
        .order_by("pk")[:INVITATION_BATCH]
    )


def invitations_due_count() -> int:
    """How many people are still to be invited (as invitation_recipients() picks them)."""
    return _invitations_due().count()


def invitation_message(person: Person) -> EmailMultiAlternatives:
    branding = branding_get()
    with in_language_of(person):
        set_password = ""
        if not person.has_usable_password():
            set_password = absolute_url(
                reverse(
                    "accounts:password_reset_confirm",
                    kwargs={
                        "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
                        "token": default_token_generator.make_token(person),
                    },
                )
            )
        context = {
            "person": person,
            "branding": branding,
            "login_url": absolute_url(reverse("accounts:login")),
            "set_password_url": set_password,
            "help_url": absolute_url(reverse("spaces:detail", args=["help"])),
            "settings_url": absolute_url(reverse("notifications:settings")),
        }
        email = render_email(
            subject=render_subject("launch/email/invitation_subject.txt", context),
            text="launch/email/invitation.txt",
            html="launch/email/invitation.html",
            context=context,
        )
    return email.message(to=[person.email])


def invitations_send_batch(*, after_pk: int = 0) -> tuple[int, int | None]:
    """Invite the next batch; returns (sent, the last person's pk or None when all are done).

    Each invitation row is written in the same transaction as its e-mail is handed to the mail
    server: a failed send leaves no row, so a later run retries that person, and a person with a
    row is never invited again."""
    batch = invitation_recipients(after_pk=after_pk)
    sent = 0
    for person in batch:
        try:
            with transaction.atomic():
                _row, created = Invitation.objects.get_or_create(
                    person=person, defaults={"sent_at": timezone.now()}
                )
                if created:
                    invitation_message(person).send()
                    sent += 1
        except Exception:
            logger.exception("Could not send the launch invitation to person %s", person.pk)
    last = batch[-1].pk if len(batch) == INVITATION_BATCH else None
    return sent, last


@transaction.atomic
def naming_contest_start(
    *,
    by: Person,
    title: str,
    description: str,
    submissions_open_until: datetime,
    voting_open_until: datetime,
) -> Contest:
    """Start the organisation-wide contest for the intranet's name."""
    require(permissions.can_manage_launch(by))
    plan = _plan_for_update()
    if plan.naming_contest_id is not None:
        raise ValidationError(_("A naming contest has been started already."))
    contest = poll_services.contest_create(
        creator=by,
        title=title,
        description=description,
        submissions_open_until=submissions_open_until,
        voting_open_until=voting_open_until,
    )
    plan.naming_contest = contest
    plan.save(update_fields=["naming_contest", "updated_at"])
    _forget_on_commit()
    return contest


@transaction.atomic
def naming_contest_apply(*, by: Person) -> str:
    """Make the naming contest's winner the intranet's name; returns the new name."""
    require(permissions.can_manage_launch(by))
    plan = _plan_for_update()
    contest = plan.naming_contest
    if contest is None:
        raise ValidationError(_("There is no naming contest."))
    if contest.phase() != Contest.Phase.CLOSED:
        raise ValidationError(_("The vote is still running; apply the name once it has closed."))
    winner = contest.winner or poll_selectors.contest_leader(contest)
    if winner is None:
        raise ValidationError(_("The contest has no proposals, so there is no winner."))
    name = " ".join(winner.text.split())
    limit = 60
    if len(name) > limit:
        raise ValidationError(
            _("“%(name)s” is longer than %(limit)s characters; shorten it on the branding page.")
            % {"name": name, "limit": limit}
        )
    branding = branding_get()
    branding_update(
        intranet_name=name,
        organisation_name=branding.organisation_name,
        slogan=branding.slogan,
        primary_colour=branding.primary_colour,
        accent_colour=branding.accent_colour,
        persona_name=branding.persona_name,
        persona_welcome=branding.persona_welcome,
        actor=by,
    )
    return name
