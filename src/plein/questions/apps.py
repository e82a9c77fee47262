from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries import post_kinds
from plein.core.registries.demo import DEMO_STEPS, DemoStep


class QuestionsConfig(AppConfig):
    name = "plein.questions"
    label = "questions"
    verbose_name = _("Questions and answers")

    def ready(self) -> None:

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from plein.posts.models import Post

        from . import personal_data, readiness  # noqa: F401
        from .selectors import attach_questions

        post_kinds.register(
            Post.Kind.QUESTION,
            template="questions/partials/card.html",
            attach=attach_questions,
            detail="questions:detail",
        )
        DEMO_STEPS.register(DemoStep("questions_step", 110, "plein.questions.demo.questions_step"))
        DEMO_STEPS.register(DemoStep("routing_step", 180, "plein.questions.demo.routing_step"))
