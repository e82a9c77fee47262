from django.urls import path

from . import picker, views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("picker/", picker.people_suggestions, name="picker"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/photo", views.photo, name="photo"),
]
