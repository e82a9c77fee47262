from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.search import KINDS


class WikiConfig(AppConfig):
    name = "plein.wiki"
    label = "wiki"
    verbose_name = _("Wiki")

    def ready(self) -> None:

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import personal_data, readiness  # noqa: F401
        from .search import PAGES

        DEMO_STEPS.register(DemoStep("wiki_step", 150, "plein.wiki.demo.wiki_step"))
        KINDS.register(PAGES)
