from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/image/<str:size>/", views.image, name="image"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/remind/", views.remind, name="remind"),
]
