"""The Management area (namespace "manage"): the screens of several apps under one address."""

from django.urls import include, path

from plein.accounts import views as account_views
from plein.accounts.sso import views as sso_views
from plein.accounts.tokens import views as token_views
from plein.accounts.twofactor import views as twofactor_views
from plein.core import views
from plein.core.audit import views as audit_views
from plein.people import views as people_views
from plein.scim import pages as scim_pages

app_name = "manage"
urlpatterns = [
    path("branding/", views.branding_edit, name="branding"),
    path("people/", account_views.manage_people, name="people"),
    path("people/<int:pk>/", account_views.manage_person, name="person"),
    path(
        "people/<int:pk>/two-factor/reset/",
        twofactor_views.manage_reset,
        name="person_twofactor_reset",
    ),
    path(
        "people/<int:pk>/identities/<int:identity_pk>/unlink/",
        sso_views.identity_unlink,
        name="person_identity_unlink",
    ),
    path("import/", account_views.import_people, name="import_people"),
    path("people/add/", people_views.person_add, name="person_add"),
    path("people/<int:pk>/details/", people_views.person_details, name="person_details"),
    path("people/<int:pk>/welcome/", people_views.person_welcome, name="person_welcome"),
    path("organisation/", people_views.manage_organisation, name="organisation"),
    path("provisioning/", scim_pages.manage_provisioning, name="provisioning"),
    path("organisation/departments/add/", people_views.department_add, name="department_add"),
    path(
        "organisation/departments/<int:pk>/",
        people_views.department_edit,
        name="department_edit",
    ),
    path(
        "organisation/departments/<int:pk>/delete/",
        people_views.department_delete,
        name="department_delete",
    ),
    path("organisation/locations/add/", people_views.location_add, name="location_add"),
    path("organisation/locations/<int:pk>/", people_views.location_edit, name="location_edit"),
    path(
        "organisation/locations/<int:pk>/delete/",
        people_views.location_delete,
        name="location_delete",
    ),
    path("webhooks/", include("plein.webhooks.urls")),
    path("tokens/", token_views.manage_tokens, name="tokens"),
    path("tokens/new/", token_views.manage_token_new, name="token_new"),
    path("tokens/<int:pk>/revoke/", token_views.manage_token_revoke, name="token_revoke"),
    path("audit/", audit_views.audit_log, name="audit"),
    path("audit/export/", audit_views.audit_export, name="audit_export"),
]
