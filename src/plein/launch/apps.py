from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class LaunchConfig(AppConfig):
    name = "plein.launch"
    label = "launch"
    verbose_name = _("Launch")

    def ready(self) -> None:
        # Every app may have a readiness.py that registers its own readiness checks.
        autodiscover_modules("readiness")

        from plein.startpage import widgets

        from .widgets import COUNTDOWN

        widgets.register(COUNTDOWN, before="welcome")
