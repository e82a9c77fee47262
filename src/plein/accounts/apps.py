from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "plein.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # people.roles uses auth's models, which Django allows only once the registry is ready.
        from plein.people.roles import ADMINISTRATOR, ROLE_PERMISSIONS

        # Administrators make application tokens and see and revoke every token.
        ROLE_PERMISSIONS[ADMINISTRATOR.key].add("accounts.manage_access_tokens")
