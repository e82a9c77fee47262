from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries import post_kinds
from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.search import DETAILS


class PollsConfig(AppConfig):
    name = "plein.polls"
    verbose_name = _("Polls and contests")

    def ready(self) -> None:
        # Its part of "your data"; imported here because the module uses models.
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from plein.posts.models import Post

        from . import personal_data  # noqa: F401
        from .search import POLL_DETAILS
        from .selectors import attach_polls

        post_kinds.register(
            Post.Kind.POLL,
            template="polls/partials/card.html",
            attach=attach_polls,
            edit="polls:edit",
        )
        DETAILS.register(POLL_DETAILS)
        DEMO_STEPS.register(DemoStep("polls_step", 100, "plein.polls.demo.polls_step"))
