"""Django's technical admin for the intranet's branding: a fallback for the IT administrator."""

from typing import Any

from django.contrib import admin
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from .models import Branding
from .selectors import BRANDING_CACHE_KEY


@admin.register(Branding)
class BrandingAdmin(admin.ModelAdmin):
    list_display = ("intranet_name", "organisation_name", "updated_at")
    # Pictures only through Plein's own screen, which checks and converts them.
    exclude = ("logo", "persona_avatar")
    readonly_fields = ("updated_at",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # There is one branding row; it exists as soon as someone saves the branding.
        return super().has_add_permission(request) and not Branding.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Branding, form: Any, change: bool) -> None:
        obj.pk = Branding.SINGLETON_PK
        super().save_model(request, obj, form, change)
        # Every page shows the branding from the cache: clear it now and again after commit.
        cache.delete(BRANDING_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(BRANDING_CACHE_KEY))
