from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KudosConfig(AppConfig):
    name = "plein.kudos"
    verbose_name = _("Kudos")

    def ready(self) -> None:
        from plein.posts import kinds
        from plein.posts.models import Post

        from .selectors import attach_kudos

        kinds.register(Post.Kind.KUDOS, template="kudos/partials/card.html", attach=attach_kudos)
