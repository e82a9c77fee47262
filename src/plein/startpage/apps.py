from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartpageConfig(AppConfig):
    name = "plein.startpage"
    verbose_name = _("Start page")
