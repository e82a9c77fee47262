from django.core.cache import cache

from .models import Branding

BRANDING_CACHE_KEY = "plein:branding:v1"
# How long state that every process must agree on (branding, the launch plan) stays in the
# shared cache; a change deletes it at once, this only bounds a copy stored during a change.
SHARED_STATE_SECONDS = 60


def branding_get() -> Branding:
    """The intranet's branding; cached because every page shows it."""
    branding = cache.get(BRANDING_CACHE_KEY)
    if branding is None:
        branding = Branding.objects.filter(pk=Branding.SINGLETON_PK).first() or Branding(
            pk=Branding.SINGLETON_PK
        )
        # Short-lived: a request that read the old row just before a change committed can
        # store it after the change's delete; this bounds how long such a copy lives.
        cache.set(BRANDING_CACHE_KEY, branding, timeout=SHARED_STATE_SECONDS)
    return branding
