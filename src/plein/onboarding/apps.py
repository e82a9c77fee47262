from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "plein.onboarding"
    label = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self) -> None:
        # Every app may have a firststeps.py that registers its own first steps.
        autodiscover_modules("firststeps")
