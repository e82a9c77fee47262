from django.urls import path

from . import views

app_name = "blogs"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("write/", views.write, name="write"),
    path("people/<int:pk>/", views.person_blog, name="person"),
    path("entries/<int:pk>/", views.entry, name="entry"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("series/new/", views.series_create, name="series_create"),
    path("series/<int:pk>/", views.series_by_pk, name="series_by_pk"),
    path("series/<int:pk>/edit/", views.series_edit, name="series_edit"),
    path("series/<int:pk>/delete/", views.series_delete, name="series_delete"),
    path("<int:person_pk>/<slug:slug>/", views.series_detail, name="series"),
]
