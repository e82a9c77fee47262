"""Who sees a data download: its owner, nobody else (not even administrators)."""

from __future__ import annotations

from django.db.models import QuerySet

from plein.people.models import Person

from .models import DataExport


def can_download_export(user: Person, export: DataExport) -> bool:
    return bool(user.is_authenticated and export.person_id == user.pk)


def own_exports(user: Person) -> QuerySet[DataExport]:
    if not user.is_authenticated:
        return DataExport.objects.none()
    return DataExport.objects.filter(person=user)
