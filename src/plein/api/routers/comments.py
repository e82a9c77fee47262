"""Comments: change or delete one (your own; moderators delete any in their space)."""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_
from ninja import Router, Status

from plein.people.http import AuthenticatedHttpRequest
from plein.posts import selectors, services
from plein.posts.models import Comment

from ..auth import WRITE
from ..schemas.common import PathId
from ..schemas.posts import CommentEdit, CommentOut

PREFIX = "/comments"
router = Router(tags=["posts"])


@router.patch("/{comment_id}", response=CommentOut, auth=WRITE, summary=N_("Change your comment"))
def comments_update(
    request: AuthenticatedHttpRequest, comment_id: PathId, payload: CommentEdit
) -> Comment:
    comment = services.comment_update(
        comment=selectors.comment_or_404(request.user, comment_id),
        editor=request.user,
        body=payload.body,
    )
    comment.can_edit = True  # type: ignore[attr-defined]
    comment.can_delete = True  # type: ignore[attr-defined]
    return comment


@router.delete("/{comment_id}", response={204: None}, auth=WRITE, summary=N_("Delete a comment"))
def comments_delete(request: AuthenticatedHttpRequest, comment_id: PathId) -> Status[None]:
    services.comment_delete(
        comment=selectors.comment_or_404(request.user, comment_id), by=request.user
    )
    return Status(204, None)
