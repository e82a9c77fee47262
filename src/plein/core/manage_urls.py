"""The Management area: Plein's own screens for the community manager and administrators."""

from django.urls import path

from plein.accounts import views as account_views

from . import views

app_name = "manage"
urlpatterns = [
    path("branding/", views.branding_edit, name="branding"),
    path("people/", account_views.manage_people, name="people"),
    path("people/<int:pk>/", account_views.manage_person, name="person"),
    path("import/", account_views.import_people, name="import_people"),
]
