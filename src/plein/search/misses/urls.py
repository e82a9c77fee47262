"""The writing tasks' addresses, included by search/urls.py under tasks/ (names in the
"search" namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.task_list, name="tasks"),
    path("new/", views.task_create, name="task_create"),
    path("<int:pk>/done/", views.task_done, name="task_done"),
]
