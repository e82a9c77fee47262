"""The line chart's direct labels fit inside its viewBox, in every language (issue 13)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from plein.adoption import charts

DAYS = [date(2025, 3, 1) + timedelta(days=n) for n in range(30)]


@pytest.mark.parametrize(
    "labels",
    [
        ["Monthly active", "Weekly active", "Daily active"],
        ["Maandelijks actief", "Wekelijks actief", "Dagelijks actief"],
        ["Actifs au cours des trente derniers jours", "Actifs cette semaine", "Actifs"],
    ],
)
def test_end_labels_lie_within_the_view_box(labels: list[str]) -> None:
    series = [
        charts.LineSeries(label, [100.0] * len(DAYS), style)
        for label, style in zip(labels, ("dotted", "dashed", "solid"), strict=True)
    ]
    chart = charts.line_chart(DAYS, series)
    assert chart.plot_right > chart.left + chart.width / 3  # the plot keeps room to draw in
    for line in chart.lines:
        text = f"{line.label} 100%"
        assert chart.label_x > max(float(part.split(",")[0]) for part in line.path[1:].split("L"))
        assert chart.label_x + charts.label_width(text) <= chart.width, text
        assert line.label_y - charts.LABEL_SIZE > 0 and line.label_y <= chart.height


def test_label_width_is_measured_in_a_wide_font() -> None:
    assert charts.label_width("Maandelijks actief 100%") > len("Maandelijks actief 100%") * 7
    assert charts.label_width("MMMM") > charts.label_width("iiii") * 2
