"""Notifications: the bell's list and count, and marking them read."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_noop as N_
from ninja import Query, Router

from plein.notifications import services
from plein.notifications.models import Notification
from plein.notifications.selectors import notification_get, unread_count, visible_notifications
from plein.people.http import AuthenticatedHttpRequest

from ..auth import READ, WRITE
from ..pagination import PageQuery, paginate
from ..schemas.common import PathId
from ..schemas.notifications import (
    MarkedRead,
    NotificationFilters,
    NotificationOut,
    NotificationsPage,
    UnreadCount,
)

PREFIX = "/notifications"
router = Router(tags=["notifications"])


@router.get("/", response=NotificationsPage, auth=READ, summary=N_("Your notifications"))
def notifications_list(
    request: AuthenticatedHttpRequest, page: PageQuery, filters: Query[NotificationFilters]
) -> dict[str, object]:
    """Newest first; only those about what you may still see."""
    notifications = visible_notifications(request.user).select_related(
        "actor", "post__space", "space"
    )
    if filters.unread:
        notifications = notifications.filter(read_at__isnull=True)
    items, cursor = paginate(notifications, order=("-created_at", "-pk"), params=page)
    return {"items": items, "next": cursor}


@router.get("/unread-count", response=UnreadCount, auth=READ, summary=N_("How many are unread"))
def notifications_unread_count(request: AuthenticatedHttpRequest) -> dict[str, int]:
    return {"unread": unread_count(request.user)}


@router.post("/read", response=MarkedRead, auth=WRITE, summary=N_("Mark all as read"))
def notifications_mark_all_read(request: AuthenticatedHttpRequest) -> dict[str, int]:
    return {"marked": services.notifications_mark_all_read(person=request.user)}


@router.post(
    "/{notification_id}/read", response=NotificationOut, auth=WRITE, summary=N_("Mark one as read")
)
def notifications_mark_read(
    request: AuthenticatedHttpRequest, notification_id: PathId
) -> Notification:
    notification = notification_get(request.user, notification_id)
    if notification is None:
        raise Http404
    return services.notification_mark_read(person=request.user, notification=notification)
