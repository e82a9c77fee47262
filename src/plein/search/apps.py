from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.management import AREAS, ManagementArea
from plein.core.registries.schedule import SCHEDULE
from plein.core.registries.search import INDEXERS, Indexer


class SearchConfig(AppConfig):
    name = "plein.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Registers this app as the indexer of plein.core.registries.search, and the best bets
        # as a Management area. services and permissions are imported here because Django allows
        # modules that use models only once the app registry is ready.
        from . import permissions, services, tasks
        from .misses.tasks import MISSES_PRUNE, TASKS_CHECK

        INDEXERS.register(
            Indexer(
                key="database",
                order=10,
                index=lambda kind, obj: services.entry_index(kind=kind, obj=obj),
                index_many=lambda kind, objects: services.entries_index(kind=kind, objects=objects),
                unindex=lambda kind, pk: services.entry_unindex(kind=kind, pk=pk),
                unindex_many=lambda kind, pks: services.entries_unindex(kind=kind, pks=pks),
            )
        )
        SCHEDULE.register(tasks.PRUNE)  # the daily safety net: entries of objects gone
        SCHEDULE.register(MISSES_PRUNE)  # searches without results: only the window is kept
        SCHEDULE.register(TASKS_CHECK)  # writing tasks whose content now exists
        AREAS.register(ManagementArea("best_bets", 60, permissions.can_manage_best_bets))
        # Last of all: the index of everything the other steps made.
        DEMO_STEPS.register(DemoStep("search_step", 1000, "plein.search.demo.search_step"))
