from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("manage/", views.manage, name="manage"),
    path("branding/logo", views.branding_logo, name="branding_logo"),
    path("branding/persona", views.branding_persona_avatar, name="branding_persona_avatar"),
]
