from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender: AppConfig, **kwargs: object) -> None:
    from django.apps import apps

    # Permissions are created by post_migrate for each app in turn; roles can only be given
    # every permission once the last app with models has had its turn.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        from .roles import roles_sync

        roles_sync()


class AccountsConfig(AppConfig):
    name = "plein.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, dispatch_uid="plein_roles_sync")
