"""The best bets screen (editors and community managers): pin a page for a search term, change
or remove it. Plain forms (POST, CSRF), no JavaScript needed; the results page shows the best
bets through plein.search.selectors.best_bets_for."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.core.forms import add_service_error
from plein.core.http import form_page
from plein.core.permissions import require
from plein.people.http import AuthenticatedHttpRequest

from .. import services
from ..forms import BestBetForm
from ..models import BestBet
from ..permissions import can_manage_best_bets


@login_required
def best_bet_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every best bet, with a form to add one."""
    require(can_manage_best_bets(request.user))
    # ?term=… (from a writing task: "pin a best bet") fills in the term.
    form = BestBetForm(request.POST or None, initial={"term": request.GET.get("term", "")[:100]})
    if request.method == "POST" and form.is_valid():
        try:
            best_bet = services.best_bet_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The best bet for “%(term)s” has been added.") % {"term": best_bet.term}
            )
            return redirect("search:best_bets")
    best_bets = BestBet.objects.all()
    return form_page(request, "search/best_bets.html", {"form": form, "best_bets": best_bets})


@login_required
def best_bet_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_best_bets(request.user))
    best_bet = get_object_or_404(BestBet, pk=pk)
    form = BestBetForm(request.POST or None, instance=best_bet)
    if request.method == "POST" and form.is_valid():
        try:
            services.best_bet_update(by=request.user, best_bet=best_bet, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The best bet has been saved."))
            return redirect("search:best_bets")
    return form_page(request, "search/best_bet_form.html", {"form": form, "best_bet": best_bet})


@login_required
@require_POST
def best_bet_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_best_bets(request.user))
    best_bet = get_object_or_404(BestBet, pk=pk)
    term = best_bet.term
    services.best_bet_delete(by=request.user, best_bet=best_bet)
    messages.success(request, _("The best bet for “%(term)s” has been removed.") % {"term": term})
    return redirect("search:best_bets")
