"""The digest's tip of the week: a section of the digest, registered in
OnboardingConfig.ready()."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from plein.core.registries.digest import DigestSection
from plein.onboarding.tips import digest_tip
from plein.people.models import Person


def _context(
    person: Person, *, since: datetime, now: datetime, previous_digest_at: datetime | None
) -> dict[str, Any] | None:
    tip = digest_tip(now=now, previous_digest_at=previous_digest_at)
    return None if tip is None else {"tip": tip}


# Not news: a digest is not sent for the tip alone.
TIP_SECTION = DigestSection(
    key="tip", order=20, context=_context, template="onboarding/email/digest_tip", news=False
)
