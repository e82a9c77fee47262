from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries import schedule, usage, widgets


class AdoptionConfig(AppConfig):
    name = "plein.adoption"
    label = "adoption"
    verbose_name = _("Adoption")

    def ready(self) -> None:
        # Its part of "your data"; imported here because the module uses models.
        # The department race on the start page, during the launch period, and the usage
        # recorder (imported here: the modules use models, which Django allows only once the
        # app registry is ready).
        from . import (
            events,
            personal_data,  # noqa: F401
            tasks,
        )
        from .race.widget import RACE_WIDGET

        widgets.register(RACE_WIDGET)
        # The adoption app keeps what every app records through plein.core.registries.usage.
        usage.RECORDERS.register(usage.Recorder(key="adoption", order=10, record=events.record))
        # The nightly roll-up, the daily nudges and the weekly report (`plein schedule`).
        for job in (tasks.ROLLUP, tasks.NUDGES, tasks.REPORT):
            schedule.register(job)
