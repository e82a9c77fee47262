"""Feeds (being written)."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


home_feed = _todo
mention_suggestions = _todo
hashtag = _todo
space_feed = _todo
person_feed = _todo
