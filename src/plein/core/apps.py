from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks.signals import task_finished

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.management import AREAS, ManagementArea
from plein.core.registries.schedule import SCHEDULE


class CoreConfig(AppConfig):
    name = "plein.core"
    verbose_name = _("Plein")

    def ready(self) -> None:
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import readiness  # noqa: F401
        from .audit.permissions import can_view_audit_log
        from .audit.tasks import PRUNE as AUDIT_PRUNE
        from .schedule import requeue_after_run

        DEMO_STEPS.register(DemoStep("branding_step", 20, "plein.core.demo.branding_step"))
        # After each run of a scheduled job, its next run is queued (plein.core.schedule).
        task_finished.connect(requeue_after_run, dispatch_uid="plein.core.schedule")
        # The audit log: its page in Management and its daily retention job.
        AREAS.register(ManagementArea("audit_log", 90, can_view_audit_log))
        SCHEDULE.register(AUDIT_PRUNE)
