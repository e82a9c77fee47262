"""The adoption dashboard, the goals and the CSV exports (community managers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from plein.core.audit.exports import audit_export
from plein.core.csv import csv_response
from plein.core.forms import add_service_error
from plein.core.http import form_page as _form_page
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.search.misses.selectors import window_days
from plein.search.permissions import can_manage_best_bets

from . import charts, selectors, services, tables
from . import goals as goal_progress
from .forms import GoalForm
from .models import Goal
from .permissions import can_view_adoption
from .report import report_preview as preview


def _trend_chart(trend: selectors.Trend) -> charts.LineChart | None:
    if not trend.points:
        return None
    return charts.line_chart(
        [point.row.day for point in trend.points],
        [
            charts.LineSeries(
                _("Monthly active"), [p.monthly_active for p in trend.points], "dotted"
            ),
            charts.LineSeries(
                _("Weekly active"), [p.weekly_active for p in trend.points], "dashed"
            ),
            charts.LineSeries(_("Daily active"), [p.daily_active for p in trend.points], "solid"),
        ],
        marker_day=trend.launch,
        marker_label=_("Launch"),
    )


def _split_chart(headline: selectors.Headline | None) -> charts.StackedBar | None:
    if headline is None or not headline.figures.participants:
        return None
    return charts.stacked_bar(
        [
            charts.BarPart(label=label, value=value or 0.0, count=people, style=style)
            for style, label, people, value in tables.split_parts(headline.figures)
        ]
    )


@login_required
@require_safe
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(can_view_adoption(request.user))
    data = selectors.dashboard(request.user)
    progress = goal_progress.all_goal_progress()
    today = timezone.localdate()
    trend_per_week = len(data.trend.points) > tables.DAILY_TREND_ROWS
    group_tables = [
        tables.group_table(dimension, data.groups[dimension])
        for dimension in selectors.GROUP_DIMENSIONS
    ]
    return render(
        request,
        "adoption/dashboard.html",
        {
            "data": data,
            "headline": data.headline,
            "trend_chart": _trend_chart(data.trend),
            "trend_table": tables.trend_table(data.trend, per_week=trend_per_week),
            "trend_per_week": trend_per_week,
            "split_chart": _split_chart(data.headline),
            "split_table": tables.split_table(data.headline),
            "group_tables": group_tables,
            "managers_table": tables.managers_table(data.managers),
            "quiet_table": tables.quiet_spaces_table(data.quiet_spaces, today),
            "top_table": tables.top_content_table(data.top_content),
            "goals": progress,
            "can_create_tasks": can_manage_best_bets(request.user),
            "miss_days": window_days(),
            "min_group": selectors.min_group(),
            "quiet_days": selectors.QUIET_DAYS,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goals(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(can_view_adoption(request.user))
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                services.goal_create(creator=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The goal has been added."))
                return redirect("adoption:goals")
    else:
        form = GoalForm()
    progress = goal_progress.all_goal_progress()
    return _form_page(
        request,
        "adoption/goals.html",
        {"form": form, "goals": progress, "goals_table": tables.goals_table(progress)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goal_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(can_view_adoption(request.user))
    goal = get_object_or_404(Goal, pk=pk)
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                services.goal_update(goal=goal, editor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The goal has been changed."))
                return redirect("adoption:goals")
    else:
        form = GoalForm(initial={name: getattr(goal, name) for name in GoalForm.base_fields})
    return _form_page(request, "adoption/goal_form.html", {"form": form, "goal": goal})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goal_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(can_view_adoption(request.user))
    goal = get_object_or_404(Goal, pk=pk)
    if request.method == "POST":
        services.goal_delete(goal=goal, editor=request.user)
        messages.success(request, _("The goal has been removed."))
        return redirect("adoption:goals")
    return render(request, "adoption/goal_delete.html", {"goal": goal})


@login_required
@require_safe
def export(request: AuthenticatedHttpRequest, table: str) -> HttpResponse:
    """A table as CSV: a header row, comma-separated, UTF-8 with a byte order mark so that
    Excel reads the accents, no cell a spreadsheet would run as a formula."""
    _require(can_view_adoption(request.user))
    found = tables.export_table(table, request.user)
    if found is None:
        raise Http404
    filename = f"adoption-{found.key}-{timezone.localdate():%Y-%m-%d}.csv"
    audit_export(request, filename)
    return csv_response(found.csv_rows(), filename=filename)


@login_required
@require_safe
def report_preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The weekly report as the viewer would get it next Monday, before it goes out."""
    _require(can_view_adoption(request.user))
    return render(request, "adoption/report_preview.html", {"report_html": preview(request.user)})
