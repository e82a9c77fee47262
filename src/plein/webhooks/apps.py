from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.events import LISTENERS, Listener
from plein.core.registries.management import AREAS, ManagementArea
from plein.core.registries.schedule import SCHEDULE


class WebhooksConfig(AppConfig):
    name = "plein.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        # Hears about events (plein.core.registries.events), runs its jobs on the schedule and
        # is a Management area for administrators (who get its permission). The roles, tasks
        # and permissions are imported here because Django allows modules that use models
        # only once the app registry is ready.
        from plein.people.roles import ADMINISTRATOR, ROLE_PERMISSIONS

        from . import permissions, tasks

        ROLE_PERMISSIONS[ADMINISTRATOR.key].add("webhooks.manage_webhooks")
        LISTENERS.register(Listener(key="webhooks", order=10, receive=tasks.listen))
        for job in (tasks.DUE, tasks.QUESTIONS, tasks.PRUNE):
            SCHEDULE.register(job)
        AREAS.register(ManagementArea("webhooks", 90, permissions.can_manage_webhooks))
