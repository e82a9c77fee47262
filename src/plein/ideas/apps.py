from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "plein.ideas"
    label = "ideas"
    verbose_name = _("Ideas and feedback")

    def ready(self) -> None:
        from plein.posts import kinds
        from plein.posts.models import Post

        from .selectors import attach_ideas

        kinds.register(
            Post.Kind.IDEA,
            template="ideas/partials/card.html",
            attach=attach_ideas,
            detail="ideas:detail",
        )
