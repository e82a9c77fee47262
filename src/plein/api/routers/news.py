"""News: the items you may read, one item, publishing (with the `news` scope and the editor's
rights, for everyone or an audience, as a must-read) and confirming a must-read."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Router, Status

from plein.news import services
from plein.news.models import NewsItem
from plein.news.selectors import news_get, visible_news
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Department, Location
from plein.posts import selectors as post_selectors
from plein.posts.models import Post
from plein.posts.services import Reach

from ..auth import NEWS, READ, WRITE
from ..pagination import PageQuery, paginate
from ..schemas.common import PathId
from ..schemas.news import NewsIn, NewsOut, NewsPage

PREFIX = "/news"
router = Router(tags=["news"])


def _visible(request: AuthenticatedHttpRequest, news_id: int) -> Post:
    post = news_get(request.user, news_id)
    if post is None:
        raise Http404
    return post


@router.get("/", response=NewsPage, auth=READ, summary=N_("News you may read, newest first"))
def news_list(request: AuthenticatedHttpRequest, page: PageQuery) -> dict[str, object]:
    rows, cursor = paginate(
        post_selectors.with_cards(visible_news(request.user), request.user),
        order=("-created_at", "-pk"),
        params=page,
    )
    return {"items": post_selectors.decorate(rows, request.user, previews=False), "next": cursor}


@router.get("/{news_id}", response=NewsOut, auth=READ, summary=N_("One news item"))
def news_detail(request: AuthenticatedHttpRequest, news_id: PathId) -> Post:
    return _visible(request, news_id)


def _reach(payload: NewsIn) -> Reach:
    departments = list(Department.objects.filter(pk__in=payload.departments))
    locations = list(Location.objects.filter(pk__in=payload.locations))
    if len(departments) != len(set(payload.departments)):
        raise ValidationError({"departments": _("Choose departments that exist.")})
    if len(locations) != len(set(payload.locations)):
        raise ValidationError({"locations": _("Choose locations that exist.")})
    return Reach(
        publish_at=payload.publish_at,
        hidden_after=payload.hidden_after,
        departments=departments,
        locations=locations,
    )


@router.post("/", response={201: NewsOut}, auth=NEWS, summary=N_("Publish a news item"))
def news_create(request: AuthenticatedHttpRequest, payload: NewsIn) -> Status[Post]:
    """Editors publish news, now or later, for everyone or for departments and locations; a
    must-read asks its readers to confirm they read it."""
    item = services.news_create(
        author=request.user,
        title=payload.title,
        lead=payload.lead,
        body=payload.body,
        reach=_reach(payload),
        featured=payload.featured,
        must_read=payload.must_read,
    )
    return Status(201, _visible(request, item.pk))


@router.post(
    "/{news_id}/confirm", response=NewsOut, auth=WRITE, summary=N_("Confirm you read a must-read")
)
def news_confirm(request: AuthenticatedHttpRequest, news_id: PathId) -> Post:
    post = _visible(request, news_id)
    services.news_confirm_read(item=NewsItem.objects.get(pk=post.pk), person=request.user)
    return _visible(request, news_id)
