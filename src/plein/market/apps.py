from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.search import KINDS


class MarketConfig(AppConfig):
    name = "plein.market"
    label = "market"
    verbose_name = _("Marketplace")

    def ready(self) -> None:
        # Its part of "your data"; imported here because the module uses models.
        from . import personal_data  # noqa: F401

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from .search import LISTINGS

        DEMO_STEPS.register(DemoStep("market_step", 120, "plein.market.demo.market_step"))
        KINDS.register(LISTINGS)
