from django.http import HttpRequest

from .colours import WHITE, contrast_ratio
from .permissions import can_use_management
from .selectors import branding_get


def branding(request: HttpRequest) -> dict[str, object]:
    brand = branding_get()
    # Text on the accent colour is white only when that is readable; otherwise near-black.
    on_accent = WHITE if contrast_ratio(brand.accent_colour, WHITE) >= 4.5 else "#111111"
    on_primary = WHITE if contrast_ratio(brand.primary_colour, WHITE) >= 4.5 else "#111111"
    return {"branding": brand, "on_accent": on_accent, "on_primary": on_primary}


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"can_manage": bool(user and user.is_authenticated and can_use_management(user))}
