from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "plein.news"
    verbose_name = _("News")

    def ready(self) -> None:
        from plein.posts import kinds
        from plein.posts.models import Post

        from .selectors import attach_news

        kinds.register(
            Post.Kind.NEWS,
            template="news/partials/card.html",
            attach=attach_news,
            detail="news:detail",
            edit="news:edit",
        )
