from django.urls import path

from . import views

app_name = "startpage"
urlpatterns = [
    path("arrange/", views.arrange, name="arrange"),
    path("arrange/default/", views.arrange_default, name="arrange_default"),
    path("hint/dismiss/", views.dismiss_hint, name="dismiss_hint"),
    path("celebrations/", views.celebrations, name="celebrations"),
    path("quick-links/", views.quick_links, name="quick_links"),
    path("quick-links/<int:pk>/", views.quick_links, name="quick_link_edit"),
    path("quick-links/<int:pk>/action/", views.quick_link_action, name="quick_link_action"),
]
