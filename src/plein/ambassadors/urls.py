from django.urls import path

from . import views

app_name = "ambassadors"
urlpatterns = [
    path("", views.ambassador_list, name="list"),
    path("manage/", views.manage, name="manage"),
    path("manage/people/", views.person_suggestions, name="person_suggestions"),
    path("<int:pk>/remove/", views.remove, name="remove"),
]
