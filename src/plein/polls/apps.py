from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "plein.polls"
    verbose_name = _("Polls and contests")

    def ready(self) -> None:
        from plein.posts import kinds
        from plein.posts.models import Post

        from .selectors import attach_polls

        kinds.register(
            Post.Kind.POLL,
            template="polls/partials/card.html",
            attach=attach_polls,
            edit="polls:edit",
        )
