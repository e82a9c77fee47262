from django.contrib import admin
from django.urls import include, path

from plein.core import metrics as core_metrics
from plein.core import views as core_views
from plein.onboarding import pwa as onboarding_pwa

# Error pages in Plein's layout and the person's language (plein.config.errors; 404.html and
# 403_csrf.html are found by name).
handler403 = "plein.config.errors.permission_denied"
handler500 = "plein.config.errors.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Prometheus, with the bearer token PLEIN_METRICS_TOKEN (plein.core.metrics).
    path("metrics", core_metrics.metrics, name="metrics"),
    path("manifest.webmanifest", onboarding_pwa.manifest, name="manifest"),
    path("sw.js", onboarding_pwa.service_worker, name="service_worker"),
    path("", include("plein.core.urls")),
    path("account/", include("plein.accounts.urls")),
    path("people/", include("plein.people.urls")),
    path("spaces/", include("plein.spaces.urls")),
    path("posts/", include("plein.posts.urls")),
    path("notifications/", include("plein.notifications.urls")),
    path("start/", include("plein.startpage.urls")),
    path("agenda/", include("plein.events.urls")),
    path("news/", include("plein.news.urls")),
    path("kudos/", include("plein.kudos.urls")),
    path("blogs/", include("plein.blogs.urls")),
    path("polls/", include("plein.polls.urls")),
    path("market/", include("plein.market.urls")),
    path("ideas/", include("plein.ideas.urls")),
    path("wiki/", include("plein.wiki.urls")),
    path("documents/", include("plein.documents.urls")),
    path("questions/", include("plein.questions.urls")),
    path("search/", include("plein.search.urls")),
    path("launch/", include("plein.launch.urls")),
    path("getting-started/", include("plein.onboarding.urls")),
    path("ambassadors/", include("plein.ambassadors.urls")),
    path("adoption/", include("plein.adoption.urls")),
    path("manage/", include("plein.config.manage_urls")),
    # Provisioning (SCIM 2.0) for Entra ID and other directories: bearer token, no session.
    path("scim/v2/", include("plein.scim.urls")),
    path("api/v1/", include("plein.api.urls")),
    path("django-admin/", admin.site.urls),
]
