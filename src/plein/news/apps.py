from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries import post_kinds
from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.search import DETAILS


class NewsConfig(AppConfig):
    name = "plein.news"
    verbose_name = _("News")

    def ready(self) -> None:

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from plein.posts.models import Post

        from . import personal_data, readiness  # noqa: F401
        from .search import NEWS_DETAILS
        from .selectors import attach_news

        post_kinds.register(
            Post.Kind.NEWS,
            template="news/partials/card.html",
            attach=attach_news,
            detail="news:detail",
            edit="news:edit",
        )
        DETAILS.register(NEWS_DETAILS)
        DEMO_STEPS.register(DemoStep("news_step", 60, "plein.news.demo.news_step"))
