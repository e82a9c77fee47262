"""The webhook screens, included in the Management URLs (namespace "manage")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.webhook_list, name="webhooks"),
    path("add/", views.webhook_add, name="webhook_add"),
    path("<int:pk>/", views.webhook_detail, name="webhook"),
    path("<int:pk>/edit/", views.webhook_edit, name="webhook_edit"),
    path("<int:pk>/delete/", views.webhook_delete, name="webhook_delete"),
    path("<int:pk>/<str:action>/", views.webhook_action, name="webhook_action"),
    path(
        "<int:pk>/deliveries/<int:delivery_pk>/redeliver/",
        views.delivery_redeliver,
        name="webhook_redeliver",
    ),
]
