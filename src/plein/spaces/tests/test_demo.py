import io

import pytest
from django.core.management import call_command

from plein.spaces.models import Membership, Space


@pytest.mark.django_db
def test_demo_builds_default_and_group_spaces() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out, people=80, seed=1)
    assert "spaces:" in out.getvalue()
    koffie = Space.objects.get(slug="koffiecorner")
    assert koffie.is_default_for_everyone
    assert koffie.memberships.filter(state="member").count() >= 80
    assert Space.objects.filter(kind="secret").exists()
    assert Space.objects.filter(default_departments__isnull=False).exists()
    assert Membership.objects.filter(state="requested").exists()
    assert Membership.objects.filter(state="invited").exists()
