from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.schedule import SCHEDULE
from plein.core.registries.search import KINDS


class DocumentsConfig(AppConfig):
    name = "plein.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import personal_data, readiness  # noqa: F401
        from .search import DOCUMENTS
        from .tasks import REVIEWS

        DEMO_STEPS.register(DemoStep("documents_step", 140, "plein.documents.demo.documents_step"))
        SCHEDULE.register(REVIEWS)
        KINDS.register(DOCUMENTS)
