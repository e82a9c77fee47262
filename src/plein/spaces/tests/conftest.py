import pytest


@pytest.fixture(autouse=True)
def _without_help_space(db):  # type: ignore[no-untyped-def]
    """These tests count spaces and default memberships from zero; the help place that a
    migration makes for every install (plein.spaces.help) is taken out."""
    from plein.spaces.models import Space

    Space.objects.filter(slug="help").delete()
