"""First steps for people: a profile colleagues recognise you by."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.paths import path
from plein.core.registries.firststeps import State, Step, register

from .models import Person
from .selectors import profile_completeness

# A photo and most of the profile: nobody is held back by, say, a phone number they do not share.
PROFILE_DONE_PERCENTAGE = 75


def _profile_done(person: Person, state: State) -> bool:
    return bool(person.photo) and profile_completeness(person).percentage >= PROFILE_DONE_PERCENTAGE


def _profile_status(person: Person, state: State) -> str:
    completeness = profile_completeness(person)
    missing = ", ".join(str(label) for _key, label in completeness.missing)
    if not person.photo:
        return _("Your profile is %(percentage)s%% complete and has no photo yet.") % {
            "percentage": completeness.percentage
        }
    return _("Your profile is %(percentage)s%% complete. Still missing: %(missing)s.") % {
        "percentage": completeness.percentage,
        "missing": missing,
    }


register(
    Step(
        key="profile",
        label=gettext_lazy("Complete your profile, with a photo"),
        help=gettext_lazy(
            "A face and a few words about your work, so colleagues recognise you and know what "
            "to ask you."
        ),
        order=10,
        url=lambda person: path("people:profile_edit"),
        action=gettext_lazy("Edit your profile"),
        is_done=_profile_done,
        prefetch=("skills", "interests"),
        status=_profile_status,
    )
)
