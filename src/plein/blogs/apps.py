from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries import post_kinds
from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.search import DETAILS


class BlogsConfig(AppConfig):
    name = "plein.blogs"
    label = "blogs"
    verbose_name = _("Blogs")

    def ready(self) -> None:

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from plein.posts.models import Post

        from . import personal_data, readiness  # noqa: F401
        from .search import BLOG_DETAILS
        from .selectors import attach_entries

        post_kinds.register(
            Post.Kind.BLOG,
            template="blogs/partials/card.html",
            attach=attach_entries,
            detail="blogs:entry",
            edit="blogs:entry_edit",
        )
        DETAILS.register(BLOG_DETAILS)
        DEMO_STEPS.register(DemoStep("blogs_step", 70, "plein.blogs.demo.blogs_step"))
