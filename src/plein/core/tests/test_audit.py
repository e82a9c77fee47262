"""The audit log: written in the caller's transaction, append-only, kept for a period; its page,
filters and CSV export for administrators only."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from plein.core import audit
from plein.core.audit.middleware import origin_of
from plein.core.audit.models import AppendOnlyError, AuditEntry
from plein.core.audit.services import audit_prune
from plein.core.audit.tasks import PRUNE
from plein.core.registries.schedule import SCHEDULE
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():  # type: ignore[no-untyped-def]
    return PersonFactory(roles=["administrator"], first_name="Ada", last_name="Beheer")


def test_record_writes_who_what_about_and_a_snapshot_of_the_actor(administrator) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory()
    entry = audit.record(
        action=audit.DEACTIVATED, actor=administrator, target=person, details={"n": 1}
    )
    entry.refresh_from_db()
    assert (entry.action, entry.actor, entry.details) == (
        "people.deactivated",
        administrator,
        {"n": 1},
    )
    assert entry.actor_name == administrator.full_name
    assert entry.actor_email == administrator.email
    assert (entry.target_type, entry.target_id) == ("people.person", str(person.pk))
    assert entry.ip_address is None  # outside a request: from nowhere


def test_a_rolled_back_change_leaves_no_entry(administrator) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(action=audit.ROLE_CHANGED, actor=administrator)
        raise RuntimeError("the change fails")
    assert not AuditEntry.objects.exists()


def test_entries_cannot_be_changed_or_deleted_in_code(administrator) -> None:  # type: ignore[no-untyped-def]
    entry = audit.record(action=audit.ROLE_CHANGED, actor=administrator)
    entry.action = "people.reactivated"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == "people.role_changed"


def test_the_database_refuses_an_update_but_the_actor_may_go(administrator) -> None:  # type: ignore[no-untyped-def]
    entry = audit.record(action=audit.ROLE_CHANGED, actor=administrator)
    table = AuditEntry._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = %s WHERE id = %s", ["forged", entry.pk])  # noqa: S608
    name = administrator.full_name
    administrator.delete()  # erasing a person keeps what they did, under their name then
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_name, entry.action) == (None, name, "people.role_changed")


def test_unknown_actions_are_refused() -> None:
    with pytest.raises(ValueError):
        audit.record(action=audit.Action("nope.nothing", audit.PEOPLE, "x"))  # type: ignore[arg-type]


def test_the_address_is_the_connection_unless_a_trusted_proxy_header_is_named(rf) -> None:  # type: ignore[no-untyped-def]
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert origin_of(request).ip_address == "10.0.0.5"  # a header anyone can write: ignored
    with override_settings(PLEIN_AUDIT_IP_HEADER="HTTP_X_FORWARDED_FOR"):
        assert origin_of(request).ip_address == "203.0.113.9"  # what the proxy added
        forged = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not an address")
        assert origin_of(forged).ip_address == "10.0.0.5"


def test_retention_deletes_only_entries_older_than_the_period(administrator) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=now - timedelta(days=31)):
        old = audit.record(action=audit.ROLE_CHANGED, actor=administrator)
    with mock.patch("django.utils.timezone.now", return_value=now - timedelta(days=29)):
        recent = audit.record(action=audit.ROLE_CHANGED, actor=administrator)
    with override_settings(PLEIN_AUDIT_KEEP_DAYS=30):
        assert audit_prune(now=now) == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert SCHEDULE.get("audit-prune") is PRUNE


# --- The page -----------------------------------------------------------------------------


def _entries(administrator):  # type: ignore[no-untyped-def]
    bob = PersonFactory(first_name="Bob", last_name="Zwart")
    audit.record(
        action=audit.ROLE_CHANGED, actor=administrator, target=bob, target_label="Rollen van Bob"
    )
    audit.record(action=audit.TOKEN_CREATED, actor=bob, target_label="Koppeling HR")
    audit.record(action=audit.LOCKED_OUT, target_label="=HYPERLINK(evil)")
    return bob


@pytest.mark.parametrize(
    "roles, status", [([], 403), (["community_manager"], 403), (["administrator"], 200)]
)
def test_only_administrators_see_the_log_and_its_export(client, roles, status) -> None:  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory(roles=roles))
    assert client.get(reverse("manage:audit")).status_code == status
    assert client.get(reverse("manage:audit_export")).status_code == status


def test_the_page_lists_newest_first_and_filters(client, administrator) -> None:  # type: ignore[no-untyped-def]
    _entries(administrator)
    client.force_login(administrator)
    page = client.get(reverse("manage:audit")).content.decode()
    assert (
        page.index("=HYPERLINK(evil)") < page.index("Koppeling HR") < page.index("Rollen van Bob")
    )
    found = client.get(reverse("manage:audit"), {"group": "integrations"}).content.decode()
    assert "Koppeling HR" in found and "Rollen van Bob" not in found
    found = client.get(reverse("manage:audit"), {"actor": "beheer"}).content.decode()
    assert "Rollen van Bob" in found and "Koppeling HR" not in found
    found = client.get(reverse("manage:audit"), {"q": "koppeling"}).content.decode()
    assert "Koppeling HR" in found and "Rollen van Bob" not in found
    tomorrow = timezone.localdate() + timedelta(days=1)
    found = client.get(reverse("manage:audit"), {"since": tomorrow.isoformat()}).content.decode()
    assert "No entries match these filters." in found


def test_a_date_range_the_wrong_way_round_is_explained(client, administrator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(administrator)
    response = client.get(reverse("manage:audit"), {"since": "2026-05-02", "until": "2026-05-01"})
    assert response.status_code == 400
    assert "This date is before the first date." in response.content.decode()


def test_the_csv_export_streams_the_filtered_entries_and_is_itself_audited(
    client, administrator
) -> None:  # type: ignore[no-untyped-def]
    _entries(administrator)
    client.force_login(administrator)
    response = client.get(reverse("manage:audit_export"), {"group": "security"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["When", "Action", "Code"]
    assert [row[2] for row in rows[1:]] == ["accounts.locked_out"]
    assert rows[1][5] == "'=HYPERLINK(evil)"  # a spreadsheet does not run it
    exported = AuditEntry.objects.get(action=audit.AUDIT_EXPORTED.code)
    assert exported.actor == administrator
    assert exported.details == {"filters": {"group": "security"}}
    assert exported.ip_address == "127.0.0.1"


def test_the_management_page_offers_the_log_to_administrators(client, administrator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(administrator)
    assert reverse("manage:audit") in client.get(reverse("core:manage")).content.decode()


def test_the_retention_job_runs_daily_at_a_quarter_past_three_local_time(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TIME_ZONE = "Europe/Amsterdam"
    before = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 in Amsterdam, the night of DST
    after = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 in Amsterdam: past it
    assert PRUNE.next_run(before) == datetime(2026, 3, 29, 1, 15, tzinfo=UTC)
    assert PRUNE.next_run(after) == datetime(2026, 3, 30, 1, 15, tzinfo=UTC)
    assert PRUNE.cron() == "15 3 * * *"
