from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.helpers import HELPERS, HelperSource


class AmbassadorsConfig(AppConfig):
    name = "plein.ambassadors"
    label = "ambassadors"
    verbose_name = _("Ambassadors")

    def ready(self) -> None:
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import readiness  # noqa: F401
        from .selectors import ambassadors_of

        HELPERS.register(HelperSource(key="ambassadors", order=10, of=ambassadors_of))
        DEMO_STEPS.register(
            DemoStep("ambassadors_step", 170, "plein.ambassadors.demo.ambassadors_step")
        )
