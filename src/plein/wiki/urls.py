from django.urls import path

from . import views

app_name = "wiki"
urlpatterns = [
    path("<slug:space_slug>/", views.index, name="index"),
    path("<slug:space_slug>/new/", views.create, name="create"),
    path("<slug:space_slug>/<slug:slug>/", views.page, name="page"),
    path("<slug:space_slug>/<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:space_slug>/<slug:slug>/history/", views.history, name="history"),
    path("<slug:space_slug>/<slug:slug>/history/<int:number>/", views.revision, name="revision"),
    path(
        "<slug:space_slug>/<slug:slug>/history/<int:number>/restore/",
        views.restore,
        name="restore",
    ),
    path("<slug:space_slug>/<slug:slug>/move/", views.move, name="move"),
    path("<slug:space_slug>/<slug:slug>/delete/", views.delete, name="delete"),
]
