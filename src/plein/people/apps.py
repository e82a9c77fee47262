from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.management import AREAS, ManagementArea
from plein.core.registries.schedule import SCHEDULE
from plein.core.registries.search import KINDS


class PeopleConfig(AppConfig):
    name = "plein.people"
    verbose_name = _("People")

    def ready(self) -> None:

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import firststeps, permissions, personal_data, readiness, roles  # noqa: F401
        from .availability import tasks as availability_tasks
        from .search import PEOPLE

        KINDS.register(PEOPLE)
        post_migrate.connect(roles.roles_sync_after_migrate, dispatch_uid="plein_roles_sync")

        DEMO_STEPS.register(DemoStep("people_step", 10, "plein.people.demo.people_step"))
        # Availability: reading the absence calendars, and absences in the demo.
        SCHEDULE.register(availability_tasks.FEEDS)
        DEMO_STEPS.register(
            DemoStep("absences_step", 12, "plein.people.availability.demo.absences_step")
        )
        for key, order, rule in (
            ("people", 30, permissions.can_manage_roles),
            ("import_people", 40, permissions.can_import_people),
            ("organisation", 50, permissions.can_manage_organisation),
        ):
            AREAS.register(ManagementArea(key, order, rule))
