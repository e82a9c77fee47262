from typing import IO, Any, Literal

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from . import audit, images
from .models import Branding
from .selectors import BRANDING_CACHE_KEY

_UNSET = object()


@transaction.atomic
def branding_update(
    *,
    intranet_name: str,
    organisation_name: str = "",
    slogan: str = "",
    primary_colour: str,
    accent_colour: str,
    persona_name: str = "",
    persona_welcome: str = "",
    persona_welcome_en: str | None = None,
    logo: IO[bytes] | None = None,
    remove_logo: bool = False,
    persona_avatar: IO[bytes] | None = None,
    remove_persona_avatar: bool = False,
    actor: Any = None,
) -> Branding:
    """Change the branding. Pictures are validated and normalised before anything is saved.
    The English welcome is kept as it is unless one is given; `actor` goes into the audit log."""
    new_logo = images.bounded_png(logo) if logo is not None else None
    new_avatar = images.square_jpeg(persona_avatar) if persona_avatar is not None else None

    branding, _ = Branding.objects.select_for_update().get_or_create(pk=Branding.SINGLETON_PK)
    before = _values(branding)
    old_files: list[str | None] = []
    branding.intranet_name = intranet_name
    branding.organisation_name = organisation_name
    branding.slogan = slogan
    branding.primary_colour = primary_colour.lower()
    branding.accent_colour = accent_colour.lower()
    branding.persona_name = persona_name
    branding.persona_welcome = persona_welcome
    if persona_welcome_en is not None:
        branding.persona_welcome_en = persona_welcome_en
    if new_logo is not None or remove_logo:
        if branding.logo:
            old_files.append(branding.logo.name)
        branding.logo = ""
        if new_logo is not None:
            branding.logo.save(new_logo.name, new_logo, save=False)
    if new_avatar is not None or remove_persona_avatar:
        if branding.persona_avatar:
            old_files.append(branding.persona_avatar.name)
        branding.persona_avatar = ""
        if new_avatar is not None:
            branding.persona_avatar.save(new_avatar.name, new_avatar, save=False)
    branding.full_clean()
    branding.save()
    _audit_change(branding, before, actor)
    storage = Branding._meta.get_field("logo").storage  # type: ignore[attr-defined]
    # Cleared now for this request and again after commit, for requests that cached the old row.
    cache.delete(BRANDING_CACHE_KEY)

    def _after_commit() -> None:
        cache.delete(BRANDING_CACHE_KEY)
        for name in old_files:
            if name:
                storage.delete(name)

    transaction.on_commit(_after_commit)
    return branding


def _values(branding: Branding) -> dict[str, object]:
    """The branding's stored values by field name (pictures by their file name)."""
    fields = [field.attname for field in Branding._meta.concrete_fields]
    return {name: str(getattr(branding, name)) for name in fields if name != "updated_at"}


def _audit_change(branding: Branding, before: dict[str, object], actor: Any) -> None:
    changed = [name for name, value in _values(branding).items() if before[name] != value]
    if changed:
        audit.record(
            action=audit.BRANDING_CHANGED,
            actor=actor,
            target=branding,
            target_label=branding.intranet_name,
            details={"changed": changed},
        )


def position_move(rows: QuerySet[Any], *, pk: int, direction: Literal["up", "down"]) -> None:
    """Swap row `pk` with its neighbour above or below in a list ordered by a `position` field,
    renumbering the whole list 0..n-1 (call inside a transaction; the rows are locked)."""
    order = list(rows.select_for_update().order_by("position", "pk"))
    index = next(i for i, row in enumerate(order) if row.pk == pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    changed = []
    for position, row in enumerate(order):
        if row.position != position:
            row.position = position
            changed.append(row)
    rows.model.objects.bulk_update(changed, ["position"])
