"""The department race page: the community manager sets the prize, follows the leaderboard and
announces the winner."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.core.forms import add_service_error
from plein.core.permissions import require
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Department

from . import selectors, services
from .forms import AnnounceForm, RaceForm
from .permissions import can_manage_race


def _announce_initial(race_row: Any, board: list[selectors.Standing]) -> dict[str, Any]:
    winner_id = race_row.first_complete_id or (board[0].department_id if board else None)
    winner = Department.objects.filter(pk=winner_id).first() if winner_id else None
    if winner is None:
        return {}
    return {
        "winner": winner,
        "message": selectors.announcement_text(winner=winner, prize=race_row.prize),
    }


def _page(
    request: AuthenticatedHttpRequest,
    *,
    form: RaceForm | None = None,
    announce_form: AnnounceForm | None = None,
) -> HttpResponse:
    board = selectors.leaderboard()
    race_row = services.race_check_first_complete(board)
    if form is None:
        ends_at = race_row.ends_at if race_row.announced_at is None else None
        form = RaceForm(initial={"prize": race_row.prize, "ends_at": ends_at})
    if announce_form is None:
        announce_form = AnnounceForm(initial=_announce_initial(race_row, board))
    top, _names = selectors.top_level_of()
    context = {
        "race": race_row,
        "race_board": board,
        "race_own_department_id": top.get(request.user.department_id or 0),
        "race_is_on": selectors.race_is_on(race_row),
        "race_is_running": selectors.race_is_running(race_row),
        "launch_period": selectors.launch_period(),
        "form": form,
        "announce_form": announce_form,
    }
    status = 400 if form.errors or announce_form.errors else 200
    return render(request, "adoption/race.html", context, status=status)


@login_required
def race_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_manage_race(request.user))
    if request.method != "POST":
        return _page(request)
    form = RaceForm(request.POST)
    if form.is_valid():
        try:
            services.race_update(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The race settings have been saved."))
            return redirect("adoption:race")
    return _page(request, form=form)


@login_required
@require_POST
def race_announce(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_manage_race(request.user))
    form = AnnounceForm(request.POST)
    if form.is_valid():
        try:
            services.race_announce(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The winner has been announced at %(time)s; the race is over.")
                % {"time": timezone.localtime().strftime("%H:%M")},
            )
            return redirect("adoption:race")
    return _page(request, announce_form=form)
