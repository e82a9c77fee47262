from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries import post_kinds
from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.search import DETAILS


class IdeasConfig(AppConfig):
    name = "plein.ideas"
    label = "ideas"
    verbose_name = _("Ideas and feedback")

    def ready(self) -> None:
        # Its part of "your data"; imported here because the module uses models.
        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from plein.posts.models import Post

        from . import personal_data  # noqa: F401
        from .search import IDEA_DETAILS
        from .selectors import attach_ideas

        post_kinds.register(
            Post.Kind.IDEA,
            template="ideas/partials/card.html",
            attach=attach_ideas,
            detail="ideas:detail",
        )
        DETAILS.register(IDEA_DETAILS)
        DEMO_STEPS.register(DemoStep("ideas_step", 130, "plein.ideas.demo.ideas_step"))
