from django.urls import path

from . import pwa, views
from .guidelines import views as guidelines_views
from .tips import views as tip_views

app_name = "onboarding"
urlpatterns: list = [
    path("", views.checklist, name="checklist"),
    path("steps/<slug:key>/done/", views.confirm_step, name="confirm_step"),
    path("hide/", views.dismiss, name="dismiss"),
    path("show/", views.restore, name="restore"),
    path("tour/done/", views.tour_done, name="tour_done"),
    # The installable app: its icons and the page shown offline (the manifest and the service
    # worker itself live at the root, see pwa.py).
    path("app/icon-<int:size>.png", pwa.icon, name="icon"),
    path("app/offline/", pwa.offline, name="offline"),
    # Drip-fed tips and the posting guidelines (tips/views.py, guidelines/views.py).
    path("tips/got-it/", tip_views.tip_dismiss, name="tip_dismiss"),
    path("tips/", tip_views.tip_list, name="tips"),
    path("tips/<int:pk>/", tip_views.tip_edit, name="tip_edit"),
    path("tips/<int:pk>/move/", tip_views.tip_move, name="tip_move"),
    path("tips/<int:pk>/active/", tip_views.tip_active, name="tip_active"),
    path("tips/<int:pk>/delete/", tip_views.tip_delete, name="tip_delete"),
    path("guidelines/", guidelines_views.guidelines, name="guidelines"),
    path("guidelines/edit/", guidelines_views.guidelines_edit, name="guidelines_edit"),
    path("guidelines/preview/", guidelines_views.guidelines_preview, name="guidelines_preview"),
]
