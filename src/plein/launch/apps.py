from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries import widgets
from plein.core.registries.access import GATES, EntryGate
from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.management import AREAS, ManagementArea


class LaunchConfig(AppConfig):
    name = "plein.launch"
    label = "launch"
    verbose_name = _("Launch")

    def ready(self) -> None:
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import permissions
        from .widgets import COUNTDOWN

        widgets.register(COUNTDOWN)
        DEMO_STEPS.register(DemoStep("launch_step", 160, "plein.launch.demo.launch_step"))
        AREAS.register(ManagementArea("launch", 10, permissions.can_view_launch))
        GATES.register(EntryGate(key="launch", order=10, allows=permissions.can_enter))
