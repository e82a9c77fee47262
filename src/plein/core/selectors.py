from django.core.cache import cache

from .models import Branding

BRANDING_CACHE_KEY = "plein:branding:v1"


def branding_get() -> Branding:
    """The intranet's branding; cached because every page shows it."""
    branding = cache.get(BRANDING_CACHE_KEY)
    if branding is None:
        branding = Branding.objects.filter(pk=Branding.SINGLETON_PK).first() or Branding(
            pk=Branding.SINGLETON_PK
        )
        cache.set(BRANDING_CACHE_KEY, branding, timeout=60 * 60)
    return branding
