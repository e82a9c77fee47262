"""Best bets: editors pin a page for a search term (the model and services are the search app's;
the screens are here)."""
