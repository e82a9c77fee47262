from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep


class MarketConfig(AppConfig):
    name = "plein.market"
    label = "market"
    verbose_name = _("Marketplace")

    def ready(self) -> None:
        # This app's part of the shared registries (plein.core.registries).
        DEMO_STEPS.register(DemoStep("market_step", 120, "plein.market.demo.market_step"))
