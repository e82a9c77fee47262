from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.management import AREAS, ManagementArea
from plein.core.registries.schedule import SCHEDULE


class AccountsConfig(AppConfig):
    name = "plein.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # people.roles and the token rules use models, which Django allows only once the
        # registry is ready.
        from plein.people.roles import ADMINISTRATOR, ROLE_PERMISSIONS

        from .tokens.permissions import can_manage_application_tokens
        from .tokens.tasks import EXPIRY_WARNINGS
        from .twofactor import gate  # noqa: F401 - connects the login signal

        # Administrators make application tokens and see and revoke every token.
        ROLE_PERMISSIONS[ADMINISTRATOR.key].add("accounts.manage_access_tokens")
        AREAS.register(ManagementArea("access_tokens", 60, can_manage_application_tokens))
        SCHEDULE.register(EXPIRY_WARNINGS)
