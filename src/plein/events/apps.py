from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.schedule import SCHEDULE
from plein.core.registries.search import KINDS


class EventsConfig(AppConfig):
    name = "plein.events"
    label = "events"
    verbose_name = _("Agenda")

    def ready(self) -> None:

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import personal_data, readiness  # noqa: F401
        from .search import EVENTS
        from .tasks import REMINDERS

        DEMO_STEPS.register(DemoStep("events_step", 50, "plein.events.demo.events_step"))
        SCHEDULE.register(REMINDERS)
        KINDS.register(EVENTS)
