"""The write path for a person's onboarding: confirmed steps, the hidden checklist, the tour."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.registries import firststeps
from plein.people.models import Person

from .models import OnboardingState


def onboarding_state_for(*, person: Person) -> OnboardingState:
    """The person's onboarding state, made on first use (its `started_at` is then now)."""
    state, _created = OnboardingState.objects.get_or_create(person=person)
    return state


def _locked_state(person: Person) -> OnboardingState:
    onboarding_state_for(person=person)
    return OnboardingState.objects.select_for_update().get(person=person)


@transaction.atomic
def step_confirm(*, person: Person, key: str) -> OnboardingState:
    """The person says they did a step Plein cannot see for itself (e.g. "set as start page")."""
    step = firststeps.get(key)
    if step is None or not step.confirmable:
        raise ValidationError(_("This step cannot be ticked off by hand."), code="not_confirmable")
    state = _locked_state(person)
    if key not in state.confirmed_steps:
        state.confirmed_steps = [*state.confirmed_steps, key]
        state.save(update_fields=["confirmed_steps"])
    if step.on_confirm is not None:
        step.on_confirm(person)
    return state


@transaction.atomic
def checklist_dismiss(*, person: Person) -> OnboardingState:
    """Hide the first-steps list from the start page (the checklist page keeps it)."""
    state = _locked_state(person)
    if state.checklist_dismissed_at is None:
        state.checklist_dismissed_at = timezone.now()
        state.save(update_fields=["checklist_dismissed_at"])
    return state


@transaction.atomic
def checklist_restore(*, person: Person) -> OnboardingState:
    """Show the first-steps list on the start page again."""
    state = _locked_state(person)
    if state.checklist_dismissed_at is not None:
        state.checklist_dismissed_at = None
        state.save(update_fields=["checklist_dismissed_at"])
    return state


@transaction.atomic
def tour_finish(*, person: Person) -> OnboardingState:
    """The person finished or skipped the guided tour: it does not start by itself again."""
    state = _locked_state(person)
    state.tour_finished_at = timezone.now()
    state.save(update_fields=["tour_finished_at"])
    return state
