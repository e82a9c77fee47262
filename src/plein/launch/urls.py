from django.urls import path

from . import views
from .materials import views as material_views
from .readiness import views as readiness_views

app_name = "launch"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("coming-soon/", views.coming_soon, name="coming_soon"),
    path("phase/", views.phase, name="phase"),
    path("go-live/", views.go_live, name="go_live"),
    path("go-live/cancel/", views.go_live_cancel, name="go_live_cancel"),
    path("invitations/resume/", views.invitations_resume, name="invitations_resume"),
    path("naming-contest/", views.naming_contest, name="naming_contest"),
    path("naming-contest/apply/", views.naming_apply, name="naming_apply"),
    path("readiness/", readiness_views.readiness, name="readiness"),
    path("readiness/thresholds/", readiness_views.thresholds, name="thresholds"),
    path("materials/poster.pdf", material_views.poster, name="poster"),
    path("materials/first-steps-card.pdf", material_views.card, name="card"),
    path("materials/quick-guide.pdf", material_views.guide, name="guide"),
]
