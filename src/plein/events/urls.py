from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.agenda, name="list"),
    path("new/", views.create, name="create"),
    path("calendar/", views.feed_settings, name="feed_settings"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rsvp/", views.rsvp, name="rsvp"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/event.ics", views.ics, name="ics"),
]
