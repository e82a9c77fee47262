from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from plein.core.ratelimit import address_and_email, limited

from . import forms, views
from .privacy import views as privacy_views
from .sso import urls as sso_urls
from .sso import views as sso_views
from .tokens import views as token_views
from .twofactor import views as twofactor_views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    # Single sign-on only (PLEIN_SSO_ONLY): the password login for administrators.
    path("login/local/", views.LoginView.as_view(local=True), name="login_local"),
    path("logout/", sso_views.LogoutView.as_view(), name="logout"),
    path("settings/", views.account_settings, name="settings"),
    path("two-factor/", twofactor_views.overview, name="twofactor"),
    path("two-factor/set-up/", twofactor_views.setup, name="twofactor_setup"),
    path("two-factor/code/", twofactor_views.verify, name="twofactor_verify"),
    path("two-factor/off/", twofactor_views.disable, name="twofactor_disable"),
    path(
        "two-factor/recovery-codes/",
        twofactor_views.recovery_codes_new,
        name="twofactor_recovery_codes",
    ),
    path("tokens/", token_views.personal_tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_views.personal_token_revoke, name="token_revoke"),
    path("data/", privacy_views.data_page, name="data"),
    path("data/prepare/", privacy_views.data_request, name="data_request"),
    path("data/<int:pk>/download/", privacy_views.data_download, name="data_download"),
    path("language/", views.set_language, name="set_language"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:settings"),
        ),
        name="password_change",
    ),
    path(
        "password/reset/",
        # Requests per client address and per e-mail address (PLEIN_RATE_PASSWORD_RESET).
        limited("password_reset", keys=address_and_email)(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/password_reset.html",
                email_template_name="accounts/email/password_reset.txt",
                subject_template_name="accounts/email/password_reset_subject.txt",
                form_class=forms.PasswordResetForm,
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
urlpatterns += sso_urls.urlpatterns
