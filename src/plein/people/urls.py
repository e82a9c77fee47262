from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/photo", views.photo, name="photo"),
]
