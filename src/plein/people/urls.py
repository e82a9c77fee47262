from django.urls import path

from . import picker, views
from .availability import views as availability

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("picker/", picker.people_suggestions, name="picker"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/photo", views.photo, name="photo"),
    # Availability: absences, the calendar they may come from, a manager's team.
    path("me/absences/", availability.absences, name="absences"),
    path("me/absences/calendar/", availability.absence_feed, name="absence_feed"),
    path("<int:pk>/absences/", availability.absences, name="absences_of"),
    path("<int:pk>/absences/calendar/", availability.absence_feed, name="absence_feed_of"),
    path("absences/<int:pk>/edit/", availability.absence_edit, name="absence_edit"),
    path("absences/<int:pk>/delete/", availability.absence_delete, name="absence_delete"),
    path("team/", availability.team, name="team"),
]
