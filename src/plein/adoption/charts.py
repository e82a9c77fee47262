"""Server-rendered charts: the geometry for inline SVG (templates/adoption/partials/*_chart.html).

No JavaScript and no library: a line chart of percentages over days and a stacked bar. Each
series has its own line pattern and marker shape besides its colour, and is labelled directly at
its end, so the charts read without colour; every chart is followed by a table with the same
figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from math import ceil
from pathlib import Path

from django.utils import formats
from PIL import ImageFont

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 150, 16, 44
MARKERS = 8  # markers per line, spread evenly
LABEL_GAP = 16  # pixels between the direct labels at the lines' ends
LABEL_OFFSET = 10  # from the plot's right edge to the start of a label
LABEL_PADDING = 8
# The labels are 13px semi-bold (adoption.css). They are measured in DejaVu Sans Bold (shipped
# with the launch materials), wider than the usual system fonts, so the right margin that fits
# them fits them in any browser.
LABEL_FONT = Path(__file__).resolve().parent.parent / "launch" / "fonts" / "DejaVuSans-Bold.ttf"
LABEL_SIZE = 13


@cache
def _label_font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(LABEL_FONT), LABEL_SIZE)


def label_width(text: str) -> float:
    return float(_label_font().getlength(text))


@dataclass
class LineSeries:
    label: str
    values: list[float | None]
    style: str  # "solid", "dashed" or "dotted": the CSS class gives colour, dash and marker


@dataclass
class DrawnLine:
    label: str
    style: str
    path: str
    markers: list[str]  # one SVG path per marker
    end_x: float = 0.0
    end_y: float = 0.0
    label_y: float = 0.0
    last_value: float | None = None


@dataclass
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    lines: list[DrawnLine]
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]
    marker_x: float | None = None
    marker_label: str = ""

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def label_x(self) -> int:
        return self.plot_right + LABEL_OFFSET

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def empty(self) -> bool:
        return not any(line.path for line in self.lines)


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "square":
        return f"M{x - 4:.1f},{y - 4:.1f}h8v8h-8z"
    if shape == "triangle":
        return f"M{x:.1f},{y - 5:.1f}L{x + 5:.1f},{y + 4:.1f}L{x - 5:.1f},{y + 4:.1f}z"
    return f"M{x - 4.5:.1f},{y:.1f}a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0"  # circle


SHAPES = {"solid": "circle", "dashed": "square", "dotted": "triangle"}


def _spread(wanted: list[float], low: float, high: float) -> list[float]:
    """Move label positions (in order) apart by at least LABEL_GAP, within low..high."""
    order = sorted(range(len(wanted)), key=lambda index: wanted[index])
    placed = [0.0] * len(wanted)
    previous = low - LABEL_GAP
    for index in order:
        placed[index] = max(wanted[index], previous + LABEL_GAP)
        previous = placed[index]
    overflow = previous - high
    if overflow > 0:
        for index in order:
            placed[index] -= overflow
    return placed


def label_room(labels: list[str]) -> int:
    """The right margin that fits each line's label with the widest percentage ("100%")."""
    widest = max((label_width(f"{label} 100%") for label in labels), default=0.0)
    return max(RIGHT, ceil(LABEL_OFFSET + widest + LABEL_PADDING))


@dataclass(frozen=True)
class _Axes:
    """Where a day (x) and a percentage (y) go on a line chart's plot."""

    days: list[date]
    plot_width: int
    plot_height: int

    @property
    def span(self) -> int:
        """Days from the first day to the last."""
        return (self.days[-1] - self.days[0]).days if len(self.days) > 1 else 0

    def x_of(self, day: date) -> float:
        span = self.span
        if not span:
            return LEFT + self.plot_width / 2
        return LEFT + self.plot_width * (day - self.days[0]).days / span

    def y_of(self, value: float) -> float:
        return TOP + self.plot_height * (1 - max(0.0, min(100.0, value)) / 100)


def line_chart(
    days: list[date],
    series: list[LineSeries],
    *,
    marker_day: date | None = None,
    marker_label: str = "",
) -> LineChart:
    """Percentages (0-100) per day; None leaves a gap."""
    right = label_room([one.label for one in series])
    axes = _Axes(days=days, plot_width=WIDTH - LEFT - right, plot_height=HEIGHT - TOP - BOTTOM)
    step = max(1, len(days) // MARKERS)
    lines = [_drawn_line(one, axes, step) for one in series]
    _place_labels(lines)
    marker_x = None
    if marker_day is not None and days and days[0] <= marker_day <= days[-1]:
        marker_x = axes.x_of(marker_day)
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=right,
        top=TOP,
        bottom=BOTTOM,
        lines=lines,
        y_ticks=[(axes.y_of(value), f"{value}%") for value in (0, 25, 50, 75, 100)],
        x_ticks=_x_ticks(axes),
        marker_x=marker_x,
        marker_label=marker_label,
    )


def _drawn_line(one: LineSeries, axes: _Axes, step: int) -> DrawnLine:
    """One series as an SVG path (lifting the pen at gaps), with a marker every step days and on
    the last day."""
    days = axes.days
    commands: list[str] = []
    markers: list[str] = []
    pen_up = True
    drawn = DrawnLine(label=one.label, style=one.style, path="", markers=markers)
    for index, (day, value) in enumerate(zip(days, one.values, strict=True)):
        if value is None:
            pen_up = True
            continue
        x, y = axes.x_of(day), axes.y_of(value)
        commands.append(f"{'M' if pen_up else 'L'}{x:.1f},{y:.1f}")
        pen_up = False
        if index % step == 0 or index == len(days) - 1:
            markers.append(_marker(SHAPES[one.style], x, y))
        drawn.end_x, drawn.end_y, drawn.last_value = x, y, value
    drawn.path = "".join(commands)
    return drawn


def _place_labels(lines: list[DrawnLine]) -> None:
    """Put the label of each drawn line beside its end, apart from the other labels."""
    shown = [line for line in lines if line.path]
    for line, label_y in zip(
        shown,
        _spread([line.end_y + 4 for line in shown], TOP + 8, HEIGHT - BOTTOM),
        strict=True,
    ):
        line.label_y = label_y


def _x_ticks(axes: _Axes) -> list[tuple[float, str]]:
    """At most six days along the x axis, evenly spread, the first and the last among them."""
    days = axes.days
    if not days:
        return []
    count = min(6, len(days))
    picks = sorted({round(n * (len(days) - 1) / max(1, count - 1)) for n in range(count)})
    return [(axes.x_of(days[n]), formats.date_format(days[n], "j M")) for n in picks]


BAR_WIDTH, BAR_HEIGHT = 760, 130
BAR_LEFT, BAR_TOP, BAR_THICKNESS = 8, 8, 40


@dataclass
class BarPart:
    label: str
    value: float  # percent
    count: int
    style: str  # "creators", "responders", "readers": a fill pattern
    x: float = 0.0
    width: float = 0.0
    legend_x: float = 0.0


@dataclass
class StackedBar:
    width: int
    height: int
    top: int
    thickness: int
    parts: list[BarPart] = field(default_factory=list)

    @property
    def legend_y(self) -> int:
        return self.top + self.thickness + 34


def stacked_bar(parts: list[BarPart]) -> StackedBar:
    """One bar of 100%, split into parts, with a legend underneath (pattern swatch, name and
    percentage) in the same order."""
    usable = BAR_WIDTH - 2 * BAR_LEFT
    x = float(BAR_LEFT)
    legend_step = usable / max(1, len(parts))
    for index, part in enumerate(parts):
        part.x = x
        part.width = usable * part.value / 100
        part.legend_x = BAR_LEFT + index * legend_step
        x += part.width
    return StackedBar(
        width=BAR_WIDTH, height=BAR_HEIGHT, top=BAR_TOP, thickness=BAR_THICKNESS, parts=parts
    )
