from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.widgets import register


class StartpageConfig(AppConfig):
    name = "plein.startpage"
    verbose_name = _("Start page")

    def ready(self) -> None:
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import firststeps  # noqa: F401
        from .widgets import WIDGETS

        for widget in WIDGETS:
            register(widget)
        DEMO_STEPS.register(DemoStep("startpage_step", 90, "plein.startpage.demo.startpage_step"))
