from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries import post_kinds
from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.people import PEOPLE_CHANGED, PeopleChangedHook
from plein.core.registries.profile import PROFILE_SECTIONS, ProfileSection
from plein.core.registries.search import DETAILS


class KudosConfig(AppConfig):
    name = "plein.kudos"
    verbose_name = _("Kudos")

    def ready(self) -> None:
        # Its part of "your data"; imported here because the module uses models.
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from plein.posts.models import Post

        from . import personal_data  # noqa: F401
        from .search import KUDOS_DETAILS
        from .selectors import attach_kudos
        from .services import kudos_reindex_recipients
        from .views import profile_kudos_context

        post_kinds.register(
            Post.Kind.KUDOS, template="kudos/partials/card.html", attach=attach_kudos
        )
        DETAILS.register(KUDOS_DETAILS)
        # A colleague renamed: the kudos thanking them are found by the new name.
        PEOPLE_CHANGED.register(
            PeopleChangedHook(key="kudos.search", order=20, run=kudos_reindex_recipients)
        )
        DEMO_STEPS.register(DemoStep("kudos_step", 80, "plein.kudos.demo.kudos_step"))
        PROFILE_SECTIONS.register(
            ProfileSection(
                key="kudos",
                order=10,
                context=profile_kudos_context,
                template="kudos/partials/profile_kudos.html",
            )
        )
