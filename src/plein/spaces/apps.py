from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.people import PEOPLE_CHANGED, PeopleChangedHook
from plein.core.registries.search import KINDS


class SpacesConfig(AppConfig):
    name = "plein.spaces"
    verbose_name = _("Spaces")

    def ready(self) -> None:
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import firststeps, readiness  # noqa: F401
        from .search import SPACES
        from .services import default_spaces_sync

        KINDS.register(SPACES)
        # New people and people who moved to another department join their default spaces.
        PEOPLE_CHANGED.register(
            PeopleChangedHook(key="spaces.default_spaces", order=10, run=default_spaces_sync)
        )
        DEMO_STEPS.register(DemoStep("spaces_step", 30, "plein.spaces.demo.spaces_step"))
