from django.urls import path

from . import views

app_name = "kudos"
urlpatterns = [
    path("", views.wall, name="wall"),
    path("give/", views.give, name="give"),
    path("give/people/", views.recipient_search, name="recipient_search"),
    path("badges/", views.badges, name="badges"),
    path("badges/<int:pk>/", views.badge_edit, name="badge_edit"),
    path("badges/<int:pk>/move/", views.badge_move, name="badge_move"),
    path("badges/<int:pk>/active/", views.badge_active, name="badge_active"),
    path("spotlight/", views.spotlight, name="spotlight"),
    path("spotlight/<int:pk>/", views.spotlight_edit, name="spotlight_edit"),
    path("spotlight/<int:pk>/end/", views.spotlight_end, name="spotlight_end"),
]
