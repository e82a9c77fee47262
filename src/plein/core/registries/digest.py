"""Sections of the digest e-mail: an extension point.

The daily or weekly digest (`plein.notifications.services.digest_send`) lists the person's
unread notifications; below them come sections that higher apps register from their
`AppConfig.ready()`: the popular posts in the person's spaces (posts), the tip of the week
(onboarding)::

    DIGEST_SECTIONS.register(
        DigestSection(
            key="popular", order=10, context=popular_context, template="posts/email/digest_popular"
        )
    )

- `context(person, since=, now=, previous_digest_at=)` says what the section shows to this
  person in the digest written `now` about what happened since `since`, or None when it has
  nothing to show (the section is left out). It is called in the person's language.
- `template` names two templates, `<template>.txt` and `<template>.html`, rendered with that
  context and placed below the notifications in the section's `order`. The text one switches
  autoescaping off itself. Each ends with the file's final newline, which ends the section.
- `news`: whether the section alone is reason enough to send a digest. Sections that are not
  (a tip) are only worked out for a digest that goes out anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from . import Registry

Person = Any  # a plein.people Person (core imports no domain app)


class SectionContext(Protocol):
    def __call__(
        self,
        person: Person,
        *,
        since: datetime,
        now: datetime,
        previous_digest_at: datetime | None,
    ) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class DigestSection:
    key: str
    order: int
    context: SectionContext
    template: str
    news: bool = True


DIGEST_SECTIONS: Registry[DigestSection] = Registry("digest sections")
