"""What a notification is about, and who may still see it: an extension point.

A notification names a space, and may name a post (and a comment on it). The notifications app
shows a notification only while its recipient may see what it is about, but it sits below the
posts app and cannot ask the posts' rules itself: the posts app registers them here, under the
name of the notification's field ("post")::

    NOTIFICATION_TARGETS.register(
        NotificationTarget(key="post", order=10, visible=posts_visible, load=posts_load)
    )

- `visible(user)`: an EXISTS over the targets the user may see, correlated on the
  notification's field (`OuterRef("post_id")`), so that the list, the e-mails and the digests
  filter in the same query (`plein.notifications.selectors.visible_notifications`).
- `load(ids)`: the bell's count judges just the targets its unread rows name, without a query
  per row and without working out everything the user may see: the targets are loaded in one
  query, the bell loads the user's memberships of their spaces (`space_ids`) together with
  those of the spaces it needs itself, in one query, and `listed(user)` then tells which of the
  targets `visible` lets through (`plein.notifications.selectors.unread_count`).

A notification naming a field nobody registered is shown to nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists

from . import Registry

User = Any  # a plein.people Person or AnonymousUser (core imports no domain app)


@dataclass(frozen=True)
class LoadedTargets:
    space_ids: frozenset[int]
    # The ids of the loaded targets the user may see; asks nothing of the database about
    # memberships once those of `space_ids` are loaded (spaces' memberships_preload).
    listed: Callable[[User], set[int]]


@dataclass(frozen=True)
class NotificationTarget:
    key: str  # the Notification field naming the target: "post"
    order: int
    visible: Callable[[User], Exists]
    load: Callable[[Collection[int]], LoadedTargets]


NOTIFICATION_TARGETS: Registry[NotificationTarget] = Registry("notification targets")

NOTHING_LOADED = LoadedTargets(space_ids=frozenset(), listed=lambda user: set())
