"""A tip a day on the start page, from a built-in set (the community manager's own library of
tips comes with the onboarding work)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TIPS = (
    _("Mention a colleague with @ and their name: they get a notification."),
    _("Follow a colleague on their profile to see their posts in your activity."),
    _("Tag a post with #subject: everyone can find all posts about it on one page."),
    _("Mute a busy space from its page: you still see it, but get no notifications."),
    _("Choose under Notifications → Settings whether you get a daily or weekly summary."),
    _("Add a photo to your profile: colleagues recognise you faster."),
    _("Arrange this start page under 'Arrange your start page' at the bottom."),
    _("React with an emoji to say thanks without writing a comment."),
)


def tip_of_the_day(today: date | None = None) -> str:
    today = today or timezone.localdate()
    return str(TIPS[today.toordinal() % len(TIPS)])
