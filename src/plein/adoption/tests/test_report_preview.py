import pytest
from django.urls import reverse

from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_report_preview_is_for_community_managers(client, community_manager) -> None:
    url = reverse("adoption:report_preview")
    client.force_login(PersonFactory())
    assert client.get(url).status_code == 403
    client.force_login(community_manager)
    page = client.get(url)
    assert page.status_code == 200
    assert b"<iframe" not in page.content  # no roll-up yet, so no figures to show


def test_the_preview_shows_the_mail_the_viewer_would_get(client, community_manager) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from plein.adoption.models import GroupDay

    yesterday = timezone.localdate() - timedelta(days=1)
    for day in (yesterday, yesterday - timedelta(days=7)):
        GroupDay.objects.create(
            day=day,
            dimension="all",
            key="all",
            label="Everyone",
            people=10,
            activated=7,
            active_day=3,
            active_week=5,
            active_month=6,
            creators=1,
            responders=2,
            readers=3,
        )
    client.force_login(community_manager)
    page = client.get(reverse("adoption:report_preview")).content.decode()
    assert "<iframe" in page and 'srcdoc="&lt;!doctype html&gt;' in page  # escaped: one attribute
    assert "70" in page  # 7 of 10 activated
