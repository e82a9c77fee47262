"""The department race page: the community manager sets the prize, follows the leaderboard and
announces the winner. Forms live here too (the race has only these two)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plein.core.http import AuthenticatedHttpRequest
from plein.core.permissions import require
from plein.people.models import Department
from plein.polls.forms import LocalDateTimeInput
from plein.posts.models import Post

from . import race


class RaceForm(forms.Form):
    prize = forms.CharField(
        label=gettext_lazy("Prize"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: a cake for the first department to reach 100%."),
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("The race ends at"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=gettext_lazy(
            "Optional. Without an end, the race runs until you announce the winner."
        ),
    )


class AnnounceForm(forms.Form):
    winner = forms.ModelChoiceField(
        label=gettext_lazy("Winner"),
        queryset=Department.objects.filter(parent__isnull=True).order_by("name"),
    )
    message = forms.CharField(
        label=gettext_lazy("Announcement"),
        max_length=Post._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Posted as an announcement for everyone."),
    )


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _announce_initial(race_row: Any, board: list[race.Standing]) -> dict[str, Any]:
    winner_id = race_row.first_complete_id or (board[0].department_id if board else None)
    winner = Department.objects.filter(pk=winner_id).first() if winner_id else None
    if winner is None:
        return {}
    return {
        "winner": winner,
        "message": race.announcement_text(winner=winner, prize=race_row.prize),
    }


def _page(
    request: AuthenticatedHttpRequest,
    *,
    form: RaceForm | None = None,
    announce_form: AnnounceForm | None = None,
) -> HttpResponse:
    board = race.leaderboard()
    race_row = race.race_check_first_complete(board)
    if form is None:
        ends_at = race_row.ends_at if race_row.announced_at is None else None
        form = RaceForm(initial={"prize": race_row.prize, "ends_at": ends_at})
    if announce_form is None:
        announce_form = AnnounceForm(initial=_announce_initial(race_row, board))
    top, _names = race.top_level_of()
    context = {
        "race": race_row,
        "race_board": board,
        "race_own_department_id": top.get(request.user.department_id or 0),
        "race_is_on": race.race_is_on(race_row),
        "race_is_running": race.race_is_running(race_row),
        "launch_period": race.launch_period(),
        "form": form,
        "announce_form": announce_form,
    }
    status = 400 if form.errors or announce_form.errors else 200
    return render(request, "adoption/race.html", context, status=status)


@login_required
def race_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(race.can_manage_race(request.user))
    if request.method != "POST":
        return _page(request)
    form = RaceForm(request.POST)
    if form.is_valid():
        try:
            race.race_update(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The race settings have been saved."))
            return redirect("adoption:race")
    return _page(request, form=form)


@login_required
@require_POST
def race_announce(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(race.can_manage_race(request.user))
    form = AnnounceForm(request.POST)
    if form.is_valid():
        try:
            race.race_announce(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The winner has been announced at %(time)s; the race is over.")
                % {"time": timezone.localtime().strftime("%H:%M")},
            )
            return redirect("adoption:race")
    return _page(request, announce_form=form)
