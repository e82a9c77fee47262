from django.urls import path

from . import views
from .race import views as race_views

app_name = "adoption"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("goals/", views.goals, name="goals"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("export/<slug:table>.csv", views.export, name="export"),
    path("report/", views.report_preview, name="report_preview"),
    path("race/", race_views.race_page, name="race"),
    path("race/announce/", race_views.race_announce, name="race_announce"),
]
