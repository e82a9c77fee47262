from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.core.registries.digest import DIGEST_SECTIONS
from plein.core.registries.notification_targets import NOTIFICATION_TARGETS
from plein.core.registries.profile import PROFILE_SECTIONS, ProfileSection
from plein.core.registries.search import KINDS as SEARCH_KINDS
from plein.core.registries.space_page import SPACE_PAGE, SpacePageSection


class PostsConfig(AppConfig):
    name = "plein.posts"
    verbose_name = _("Posts")

    def ready(self) -> None:

        # Registers this app's parts of the shared registries (plein.core.registries); imported
        # here because Django allows modules that use models only once the app registry is ready.
        from . import firststeps, personal_data, readiness  # noqa: F401
        from .digest import POPULAR_SECTION
        from .notify import POST_TARGET
        from .search import COMMENT_KIND, POST_KIND
        from .stream.views import person_stream_context, space_stream_context

        DEMO_STEPS.register(DemoStep("posts_step", 40, "plein.posts.demo.posts_step"))
        SPACE_PAGE.register(SpacePageSection(key="stream", order=10, context=space_stream_context))
        PROFILE_SECTIONS.register(
            ProfileSection(
                key="stream",
                order=20,
                context=person_stream_context,
                template="posts/partials/stream.html",
            )
        )
        NOTIFICATION_TARGETS.register(POST_TARGET)
        DIGEST_SECTIONS.register(POPULAR_SECTION)
        SEARCH_KINDS.register(POST_KIND)
        SEARCH_KINDS.register(COMMENT_KIND)
