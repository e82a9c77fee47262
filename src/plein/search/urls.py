from django.urls import include, path

from . import views
from .bestbets import views as best_bet_views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
    path("suggest/", views.suggest, name="suggest"),
    path("best-bets/", best_bet_views.best_bet_list, name="best_bets"),
    path("best-bets/<int:pk>/", best_bet_views.best_bet_edit, name="best_bet_edit"),
    path("best-bets/<int:pk>/delete/", best_bet_views.best_bet_delete, name="best_bet_delete"),
    path("tasks/", include("plein.search.misses.urls")),
]
