from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The top layer: settings, the URLconf, and the commands that use every app at once
    (`plein demo`). Nothing imports it."""

    name = "plein.config"
    label = "config"
    verbose_name = _("Configuration")
