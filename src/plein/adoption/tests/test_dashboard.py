"""The adoption dashboard: figures from hand-made GroupDay rows, permissions, CSV exports, a flat
query count and accessible charts."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plein.adoption import selectors
from plein.adoption.models import GroupDay
from plein.posts.models import Post
from plein.spaces.models import Space

pytestmark = pytest.mark.django_db

URL = "/adoption/"


def group_day(day: date, dimension: str = "all", key: str = "all", **figures: int) -> GroupDay:
    values = {
        "label": "Everyone" if dimension == "all" else key,
        "people": 100,
        "activated": 80,
        "active_day": 20,
        "active_week": 40,
        "active_month": 50,
        "creators": 5,
        "responders": 15,
        "readers": 30,
        "profiles_complete": 60,
    }
    values.update(figures)
    return GroupDay.objects.create(day=day, dimension=dimension, key=key, **values)


def fill_days(count: int, last: date) -> None:
    GroupDay.objects.bulk_create(
        GroupDay(
            day=last - timedelta(days=n),
            dimension="all",
            key="all",
            label="Everyone",
            people=100,
            activated=80 - n // 10,
            active_day=20,
            active_week=40,
            active_month=50,
            creators=5,
            responders=15,
            readers=30,
        )
        for n in range(count)
    )


@pytest.fixture
def cm_client(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    return client


# --- Figures --------------------------------------------------------------------------------


def test_headline_figures_and_change_since_a_week_earlier() -> None:
    today = timezone.localdate()
    latest = today - timedelta(days=1)
    group_day(latest, activated=80, active_week=40, creators=5)
    group_day(latest - timedelta(days=7), activated=60, active_week=45, creators=5)
    group_day(latest - timedelta(days=8), people=10)  # before the stickiness window of `latest`

    headline = selectors.headline()

    assert headline is not None
    assert headline.day == latest
    tiles = {tile.key: tile for tile in headline.tiles}
    assert tiles["activated"].value == 80.0
    assert tiles["activated"].change == 20.0
    assert tiles["weekly_active"].value == 40.0
    assert tiles["weekly_active"].change == -5.0
    assert tiles["weekly_active"].change_size == 5.0
    assert tiles["creators"].value == 5.0
    assert tiles["creators"].change == 0.0
    # The days with figures among the last 7: `latest` (20) and latest-7 is outside: 20 / 50.
    assert tiles["stickiness"].value == 40.0


def test_stickiness_averages_the_daily_active_over_a_week() -> None:
    day = date(2025, 3, 9)  # a Sunday: nobody there, but the week was busy
    group_day(day, active_day=0, active_month=50)
    for n in range(1, 7):
        group_day(day - timedelta(days=n), active_day=35, active_month=50)

    headline = selectors.headline(day)

    assert headline is not None
    assert headline.stickiness == 60.0  # (6 * 35 + 0) / 7 = 30 of 50


def test_headline_is_none_before_the_first_rollup() -> None:
    assert selectors.headline() is None


def test_headline_on_a_day_ignores_later_rows() -> None:
    group_day(date(2025, 1, 10), activated=10)
    group_day(date(2025, 1, 20), activated=90)

    headline = selectors.headline(date(2025, 1, 15))

    assert headline is not None
    assert headline.figures.activated == 10.0


def test_split_is_of_the_people_active_in_28_days() -> None:
    figures = selectors.Figures(group_day(date(2025, 1, 1), creators=1, responders=9, readers=90))

    assert figures.split == (1.0, 9.0, 90.0)


def test_groups_latest_day_sorted_with_other_last() -> None:
    old, new = date(2025, 1, 1), date(2025, 1, 2)
    group_day(old, "department", "1", label="Zorg", people=50)
    group_day(new, "department", "2", label="Burgerzaken", people=20, activated=10)
    group_day(new, "department", "other", label="other", people=7)
    group_day(new, "department", "3", label="Archief", people=9)
    group_day(new, "location", "4", label="Stadhuis", people=40, profiles_complete=30)
    group_day(new, "role", "manager", label="Managers", people=12)

    found = selectors.groups()

    assert [figures.label for figures in found["department"]] == [
        "Archief",
        "Burgerzaken",
        "Other (small groups together)",
    ]
    assert found["department"][1].activated == 50.0
    assert found["location"][0].profiles == 75.0
    assert [figures.label for figures in found["role"]] == ["Managers"]


def test_trend_since_the_launch_or_26_weeks(settings) -> None:  # type: ignore[no-untyped-def]
    from plein.launch.models import LaunchPlan
    from plein.launch.selectors import launch_plan_forget

    today = timezone.localdate()
    fill_days(300, today - timedelta(days=1))

    assert selectors.trend().start == today - timedelta(weeks=26)
    assert len(selectors.trend().points) == 26 * 7

    launched = timezone.now() - timedelta(days=30)
    LaunchPlan.objects.create(
        pk=LaunchPlan.SINGLETON_PK, launch_date=launched, launched_at=launched
    )
    launch_plan_forget()

    trend = selectors.trend()
    assert trend.launch == timezone.localdate(launched)
    assert trend.start == trend.launch
    assert trend.points[0].row.day == trend.launch


def test_manager_effect_needs_two_departments_on_each_side() -> None:
    day = date(2025, 1, 28)
    rows = [
        selectors.Figures(
            group_day(day, "department", str(n), people=10, active_week=w, managers_taking_part=m)
        )
        for n, w, m in [(1, 8, 1), (2, 6, 2), (3, 2, 0), (4, 4, 0)]
    ]

    effect = selectors.manager_effect(rows)

    assert effect.shown
    assert [figures.row.key for figures in effect.leading] == ["1", "2"]
    assert effect.leading_weekly_active == 70.0
    assert effect.others_weekly_active == 30.0
    assert not selectors.manager_effect(rows[:3]).shown


# --- The page -------------------------------------------------------------------------------


def test_employee_gets_403(logged_in_client) -> None:  # type: ignore[no-untyped-def]
    assert logged_in_client.get(URL).status_code == 403
    assert logged_in_client.get("/adoption/export/departments.csv").status_code == 403


def test_anonymous_is_sent_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_dashboard_without_figures(cm_client) -> None:  # type: ignore[no-untyped-def]
    response = cm_client.get(URL)

    assert response.status_code == 200
    assert b'id="adoption-empty"' in response.content
    assert b'id="searches-note"' in response.content


def test_dashboard_shows_tiles_groups_chart_and_table(cm_client) -> None:  # type: ignore[no-untyped-def]
    latest = timezone.localdate() - timedelta(days=1)
    fill_days(20, latest)
    group_day(latest, "department", "7", label="Burgerzaken", people=30, activated=27)

    response = cm_client.get(URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert reverse("adoption:dashboard") == URL
    assert 'id="tile-activated"' in html
    assert re.search(r'id="tile-activated".*?80[.,]0%', html, re.S)
    assert "Burgerzaken" in html
    assert html.count('role="img"') == 2  # the trend chart and the 90-9-1 bar
    assert 'aria-labelledby="trend-chart-title trend-chart-desc"' in html
    assert '<title id="trend-chart-title">' in html
    assert html.count('<details class="adoption-chart__table">') >= 2
    assert 'id="table-trend"' in html and 'id="table-split"' in html
    for key in ["trend", "split", "departments", "locations", "roles", "managers"]:
        assert f"/adoption/export/{key}.csv" in html
    assert "/adoption/export/quiet-spaces.csv" in html
    assert "/adoption/export/top-content.csv" in html


def _trend_rows(html: str) -> list[str]:
    table = html[
        html.index('id="table-trend"') : html.index("</table>", html.index('id="table-trend"'))
    ]
    return re.findall(r'<tr><th scope="row">([^<]*)</th>', table)


def test_a_short_trend_is_tabled_per_day(cm_client) -> None:  # type: ignore[no-untyped-def]
    days = 91
    fill_days(days, timezone.localdate() - timedelta(days=1))

    html = cm_client.get(URL).content.decode()

    assert len(_trend_rows(html)) == days
    assert '<th scope="col">Day</th>' in html
    assert "the CSV download every day" not in html


def test_a_long_trend_is_tabled_per_week_and_downloaded_per_day(cm_client) -> None:  # type: ignore[no-untyped-def]
    latest = timezone.localdate() - timedelta(days=1)
    fill_days(120, latest)
    days = [latest - timedelta(days=n) for n in range(120)]
    weeks = {day.isocalendar()[:2] for day in days}

    html = cm_client.get(URL).content.decode()

    assert len(_trend_rows(html)) == len(weeks)
    assert '<th scope="col">Week starting</th>' in html
    assert "the CSV download every day" in html
    assert len(_csv(cm_client.get("/adoption/export/trend.csv"))) == 1 + 120


def test_a_week_row_averages_the_daily_active_and_takes_the_last_day() -> None:
    from plein.adoption.tables import trend_table

    monday = date(2026, 3, 2)
    group_day(monday - timedelta(days=1), active_day=90)  # the Sunday before: the week before
    group_day(monday, active_day=10, active_week=30, activated=70)
    group_day(monday + timedelta(days=1), active_day=20, people=300, active_week=150)
    group_day(monday + timedelta(days=6), active_day=30, active_week=45, activated=75)

    table = trend_table(selectors.trend(start=monday - timedelta(days=1)), per_week=True)

    assert table.headers[0] == "Week starting"
    assert [row.cells for row in table.rows] == [
        [monday - timedelta(days=1), 90.0, 40.0, 50.0, 80.0],
        # (10 + 20 + 30) active of (100 + 300 + 100) people; the Sunday's other figures
        [monday, 12.0, 45.0, 50.0, 75.0],
    ]


def test_chart_marks_the_launch(cm_client) -> None:  # type: ignore[no-untyped-def]
    from plein.launch.models import LaunchPlan

    latest = timezone.localdate() - timedelta(days=1)
    fill_days(40, latest)
    launched = timezone.now() - timedelta(days=20)
    LaunchPlan.objects.create(
        pk=LaunchPlan.SINGLETON_PK, launch_date=launched, launched_at=launched
    )

    html = cm_client.get(URL).content.decode()

    assert 'class="adoption-chart__launch"' in html


def test_svg_coordinates_are_not_localised(cm_client) -> None:  # type: ignore[no-untyped-def]
    fill_days(10, timezone.localdate() - timedelta(days=1))
    cm_client.cookies["django_language"] = "nl"

    html = cm_client.get(URL, HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    start = html.index('<svg class="adoption-chart__svg adoption-lines"')
    svg = html[start : html.index("</svg>", start)]
    coordinates = re.findall(r' (?:x|y|x1|y1|x2|y2|width|height)="([^"]*)"', svg)
    assert coordinates
    assert all(re.fullmatch(r"-?[0-9.]+", value) for value in coordinates), coordinates


def test_dashboard_query_count_does_not_grow_with_days(cm_client) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    latest = timezone.localdate() - timedelta(days=1)
    fill_days(10, latest)
    group_day(latest, "department", "1", label="A")
    cm_client.get(URL)  # warm the caches (launch plan, permissions) the same way
    with CaptureQueriesContext(connection) as small:
        assert cm_client.get(URL).status_code == 200

    GroupDay.objects.all().delete()
    fill_days(100, latest)
    for n in range(30):
        group_day(latest, "department", str(n + 1), label=f"D{n}")
        group_day(latest, "location", str(n + 1), label=f"L{n}")
    with CaptureQueriesContext(connection) as large:
        assert cm_client.get(URL).status_code == 200

    assert len(large) == len(small)


# --- Content lists --------------------------------------------------------------------------


def _space(name: str) -> Space:
    from plein.spaces.tests.factories import SpaceFactory

    return SpaceFactory(name=name, kind=Space.Kind.OPEN)


def test_quiet_spaces_have_old_posts_only(community_manager) -> None:
    from plein.posts.tests.factories import PostFactory

    now = timezone.now()
    quiet, busy, empty = _space("Stil"), _space("Druk"), _space("Leeg")
    PostFactory(space=quiet, created_at=now - timedelta(days=45))
    PostFactory(space=busy, created_at=now - timedelta(days=45))
    PostFactory(space=busy, created_at=now - timedelta(days=2))

    found = selectors.quiet_spaces(community_manager)

    assert [space.name for space in found] == ["Stil"]
    assert empty not in found


def test_top_content_only_what_the_viewer_may_see(community_manager) -> None:
    from plein.posts.tests.factories import PostFactory
    from plein.spaces.tests.factories import SpaceFactory

    now = timezone.now()
    open_space = _space("Open")
    secret = SpaceFactory(name="Geheim", kind=Space.Kind.SECRET)
    popular = PostFactory(space=open_space, reaction_count=5, comment_count=4)
    quieter = PostFactory(space=open_space, reaction_count=3, comment_count=0)
    PostFactory(space=open_space, reaction_count=0, comment_count=0)
    PostFactory(space=open_space, reaction_count=50, created_at=now - timedelta(days=40))
    hidden = PostFactory(space=secret, reaction_count=99, comment_count=9)

    found = selectors.top_content(community_manager)

    assert found == [popular, quieter]
    assert hidden not in found
    assert Post.objects.filter(pk=hidden.pk).exists()


# --- CSV ------------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_of_departments(cm_client) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate() - timedelta(days=1)
    group_day(
        day, "department", "1", label='Zorg, "Welzijn"', people=20, activated=15, active_week=10
    )

    response = cm_client.get("/adoption/export/departments.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert len(rows[0]) == 8
    assert rows[1][:4] == ['Zorg, "Welzijn"', "20", "75.0", "50.0"]
    assert '"Zorg, ""Welzijn"""' in response.content.decode()


def test_csv_of_trend_has_every_day(cm_client) -> None:  # type: ignore[no-untyped-def]
    latest = timezone.localdate() - timedelta(days=1)
    fill_days(12, latest)

    rows = _csv(cm_client.get("/adoption/export/trend.csv"))

    assert len(rows) == 13
    assert rows[-1][0] == latest.isoformat()
    assert rows[-1][1:4] == ["20.0", "40.0", "50.0"]


@pytest.mark.parametrize("name", ["trend", "split", "departments", "locations", "roles",
                                  "managers", "quiet-spaces", "top-content", "goals"])  # fmt: skip
def test_every_table_downloads_as_csv(cm_client, name) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate() - timedelta(days=1)
    group_day(day)
    for n, leading in [(1, 1), (2, 1), (3, 0), (4, 0)]:
        group_day(day, "department", str(n), people=10, managers_taking_part=leading)

    response = cm_client.get(f"/adoption/export/{name}.csv")

    assert response.status_code == 200
    rows = _csv(response)
    assert rows[0] and all(len(row) == len(rows[0]) for row in rows)
    if name == "managers":
        assert len(rows) == 3  # departments with and without a manager taking part


def test_csv_of_an_unknown_table_is_404(cm_client) -> None:  # type: ignore[no-untyped-def]
    assert cm_client.get("/adoption/export/salaries.csv").status_code == 404


def test_manage_page_links_to_the_dashboard(cm_client) -> None:  # type: ignore[no-untyped-def]
    assert b'href="/adoption/"' in cm_client.get("/manage/").content


def test_table_rows_are_escaped_localised_and_aligned() -> None:
    from django.utils import translation

    from plein.adoption.tables import Row, Table

    table = Table(
        "t",
        "Tabel",
        ["Naam", "Dag", "Actief (%)", "Mensen"],
        [
            Row(["<b>Zorg</b>", date(2026, 3, 1), 12.5, None], url="/spaces/zorg/?a=1&b=2"),
            Row(["ICT", date(2026, 3, 2), 40.0, 7]),
        ],
        numeric={2, 3},
    )
    with translation.override("nl"):
        html = table.body_html()

    first, second = html.split("\n")
    assert first.startswith('<tr><th scope="row"><a href="/spaces/zorg/?a=1&amp;b=2">')
    assert "&lt;b&gt;Zorg&lt;/b&gt;" in first and "<b>" not in first
    assert "<td>1 maart 2026</td>" in first
    assert '<td class="adoption-num">12,5</td>' in first
    assert '<td class="adoption-num"><span aria-label="geen cijfer">' in first
    assert second == (
        '<tr><th scope="row">ICT</th><td>2 maart 2026</td>'
        '<td class="adoption-num">40,0</td><td class="adoption-num">7</td></tr>'
    )
