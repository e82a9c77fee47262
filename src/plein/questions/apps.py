from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "plein.questions"
    label = "questions"
    verbose_name = _("Questions and answers")

    def ready(self) -> None:
        from plein.posts import kinds
        from plein.posts.models import Post

        from .selectors import attach_questions

        kinds.register(
            Post.Kind.QUESTION,
            template="questions/partials/card.html",
            attach=attach_questions,
            detail="questions:detail",
        )
