from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.schedule import SCHEDULE
from plein.core.registries.spaces import SPACE_LISTENERS, SpaceListener


class NotificationsConfig(AppConfig):
    name = "plein.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Its part of "your data"; imported here because the module uses models.
        from . import personal_data  # noqa: F401

        # Imported here: the tasks use models, which Django allows only once the registry is ready.
        from .services import space_event
        from .tasks import DIGESTS

        SCHEDULE.register(DIGESTS)
        # Invitations, requests to join and their acceptance are told to the people concerned.
        SPACE_LISTENERS.register(SpaceListener(key="notifications", order=10, heard=space_event))
