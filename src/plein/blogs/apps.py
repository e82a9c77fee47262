from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogsConfig(AppConfig):
    name = "plein.blogs"
    label = "blogs"
    verbose_name = _("Blogs")

    def ready(self) -> None:
        from plein.posts import kinds
        from plein.posts.models import Post

        from .selectors import attach_entries

        kinds.register(
            Post.Kind.BLOG,
            template="blogs/partials/card.html",
            attach=attach_entries,
            detail="blogs:entry",
            edit="blogs:entry_edit",
        )
