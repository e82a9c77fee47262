"""The notifications app's part of "your data": your notification settings and the spaces you
muted. (The notifications themselves tell what others did: they are not included.)"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import NotificationSettings, SpaceMute


def notification_settings(person: Person, writer: Writer) -> None:
    writer.records(
        NotificationSettings.objects.filter(person=person).values(
            "email_mentions", "email_replies", "email_invitations", "digest", "last_digest_at"
        )
    )
    writer.records(
        {"muted_space": name}
        for name in SpaceMute.objects.filter(person=person)
        .order_by("space__name")
        .values_list("space__name", flat=True)
    )


SECTIONS.register(
    Section(
        key="notification_settings",
        order=300,
        label=_("Your notification settings"),
        help=_("which e-mails you get, your digest, the spaces you muted"),
        collect=notification_settings,
    )
)
