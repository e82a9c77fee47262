from django.urls import path

from . import views

app_name = "spaces"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/image", views.image, name="image"),
    path("<slug:slug>/settings/", views.edit, name="edit"),
    path("<slug:slug>/defaults/", views.defaults, name="defaults"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/ask/", views.ask, name="ask"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/invitation/accept/", views.accept_invitation, name="accept_invitation"),
    path("<slug:slug>/invitation/decline/", views.decline_invitation, name="decline_invitation"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/invite/", views.invite, name="invite"),
    path("<slug:slug>/members/<int:pk>/accept/", views.accept_request, name="accept_request"),
    path("<slug:slug>/members/<int:pk>/decline/", views.decline_request, name="decline_request"),
    path("<slug:slug>/members/<int:pk>/remove/", views.remove, name="remove"),
    path("<slug:slug>/members/<int:pk>/role/", views.set_role, name="set_role"),
]
