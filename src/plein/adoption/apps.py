from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdoptionConfig(AppConfig):
    name = "plein.adoption"
    label = "adoption"
    verbose_name = _("Adoption")

    def ready(self) -> None:
        # The department race on the start page, during the launch period.
        from plein.startpage import widgets

        from .race import RACE_WIDGET

        widgets.register(RACE_WIDGET, before="news")
