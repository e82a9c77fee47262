from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "plein.ambassadors"
    label = "ambassadors"
    verbose_name = _("Ambassadors")
