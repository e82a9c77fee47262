from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.library, name="library"),
    path("upload/", views.upload, name="upload"),
    path("folders/new/", views.folder_create, name="folder_create"),
    path("spaces/<slug:slug>/", views.library, name="space_library"),
    path("spaces/<slug:slug>/upload/", views.upload, name="space_upload"),
    path("spaces/<slug:slug>/folders/new/", views.folder_create, name="space_folder_create"),
    path("folders/<int:pk>/", views.folder, name="folder"),
    path("folders/<int:pk>/rename/", views.folder_rename, name="folder_rename"),
    path("folders/<int:pk>/delete/", views.folder_delete, name="folder_delete"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/versions/", views.version_upload, name="version_upload"),
    path("<int:pk>/versions/<int:number>/", views.download, name="download"),
    path("<int:pk>/versions/<int:number>/preview/", views.preview, name="preview"),
    path("<int:pk>/versions/<int:number>/restore/", views.version_restore, name="restore"),
]
