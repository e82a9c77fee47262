"""The one write path of the readiness check: the community manager's thresholds."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plein.core.permissions import require
from plein.core.registries.readiness import all_thresholds
from plein.people.models import Person

from .. import permissions
from ..models import LaunchPlan
from ..selectors import launch_plan_forget


@transaction.atomic
def readiness_thresholds_update(
    *, by: Person, values: Mapping[str, object], go_live_minimum_score: int | None = None
) -> LaunchPlan:
    """Store the thresholds given (keys of registered thresholds, whole numbers within their
    bounds), and the readiness score below which going live asks for confirmation (0 to 100;
    None keeps it); the others keep their value. Nothing is saved when one of them is wrong."""
    require(permissions.can_manage_launch(by))
    known = {threshold.key: threshold for threshold in all_thresholds()}
    cleaned: dict[str, int] = {}
    errors: dict[str, str] = {}
    for key, value in values.items():
        threshold = known.get(key)
        if threshold is None:
            errors[key] = _("There is no such threshold.")
            continue
        number = threshold.clean(value)
        if number is None:
            if threshold.maximum is None:
                errors[key] = _("Enter a whole number of at least %(minimum)s.") % {
                    "minimum": threshold.minimum
                }
            else:
                errors[key] = _("Enter a whole number from %(minimum)s to %(maximum)s.") % {
                    "minimum": threshold.minimum,
                    "maximum": threshold.maximum,
                }
            continue
        cleaned[key] = number
    if go_live_minimum_score is not None and not 0 <= go_live_minimum_score <= 100:
        errors["go_live_minimum_score"] = _(
            "Enter a whole number from %(minimum)s to %(maximum)s."
        ) % {
            "minimum": 0,
            "maximum": 100,
        }
    if errors:
        raise ValidationError(errors)
    plan, _created = LaunchPlan.objects.select_for_update().get_or_create(
        pk=LaunchPlan.SINGLETON_PK
    )
    plan.thresholds = {**(plan.thresholds or {}), **cleaned}
    if go_live_minimum_score is not None:
        plan.go_live_minimum_score = go_live_minimum_score
    plan.save(update_fields=["thresholds", "go_live_minimum_score", "updated_at"])
    launch_plan_forget()  # this request sees the change, and after the commit every other one
    transaction.on_commit(launch_plan_forget)
    return plan
