from django.urls import re_path

from . import views

app_name = "scim"

urlpatterns = [
    re_path(r"^Users/?$", views.users, name="users"),
    re_path(r"^Users/\.search$", views.users, {"search": True}, name="users_search"),
    re_path(r"^Users/(?P<pk>[^/]+)/?$", views.user, name="user"),
    re_path(r"^Groups/?$", views.groups_view, name="groups"),
    re_path(r"^Groups/\.search$", views.groups_view, {"search": True}, name="groups_search"),
    re_path(r"^Groups/(?P<pk>[^/]+)/?$", views.group, name="group"),
    re_path(r"^\.search$", views.search_all, name="search"),
    re_path(r"^Schemas/?$", views.schemas_view, name="schemas"),
    re_path(r"^Schemas/(?P<key>[^/]+)/?$", views.schemas_view, name="schema"),
    re_path(r"^ResourceTypes/?$", views.resource_types_view, name="resource_types"),
    re_path(r"^ResourceTypes/(?P<key>[^/]+)/?$", views.resource_types_view, name="resource_type"),
    re_path(
        r"^ServiceProviderConfig/?$",
        views.service_provider_config_view,
        name="service_provider_config",
    ),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
