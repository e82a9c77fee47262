from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.digest import DIGEST_SECTIONS


class OnboardingConfig(AppConfig):
    name = "plein.onboarding"
    label = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self) -> None:
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import firststeps  # noqa: F401
        from .digest import TIP_SECTION

        DIGEST_SECTIONS.register(TIP_SECTION)
