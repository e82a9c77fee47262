"""Post pages and actions (being written)."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


create = _todo
preview = _todo
follow_person = _todo
detail = _todo
edit = _todo
history = _todo
delete = _todo
restore = _todo
pin = _todo
follow_post = _todo
react = _todo
reactions = _todo
comment_create = _todo
attachment = _todo
image = _todo
comment_edit = _todo
comment_delete = _todo
comment_react = _todo
