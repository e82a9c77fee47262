from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from plein.core.registries.management import AREAS, ManagementArea
from plein.core.registries.schedule import SCHEDULE


class AccountsConfig(AppConfig):
    name = "plein.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Its part of "your data"; imported here because the module uses models.
        # people.roles and the token rules use models, which Django allows only once the
        # registry is ready.
        from axes.signals import user_locked_out

        from plein.people.roles import ADMINISTRATOR, ROLE_PERMISSIONS

        from . import personal_data  # noqa: F401
        from .lockout import audit_lockout
        from .privacy.tasks import PRUNE
        from .tokens.permissions import can_manage_application_tokens
        from .tokens.tasks import EXPIRY_WARNINGS
        from .twofactor import gate  # noqa: F401 - connects the login signal

        # Administrators make application tokens and see and revoke every token.
        ROLE_PERMISSIONS[ADMINISTRATOR.key].add("accounts.manage_access_tokens")
        AREAS.register(ManagementArea("access_tokens", 60, can_manage_application_tokens))
        SCHEDULE.register(EXPIRY_WARNINGS)
        SCHEDULE.register(PRUNE)
        # Lockouts after failed logins go into the audit log (axes' documented signal).
        user_locked_out.connect(audit_lockout, dispatch_uid="plein.accounts.audit_lockout")
