"""Posts, comments and reactions, through the same selectors and services as the stream."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_noop as N_
from ninja import Query, Router, Status

from plein.people.http import AuthenticatedHttpRequest
from plein.posts import selectors, services
from plein.posts.models import Comment, Post, Reaction
from plein.posts.permissions import visible_posts
from plein.spaces.selectors import space_get

from ..auth import READ, WRITE
from ..pagination import PageQuery, paginate
from ..schemas.common import PathId
from ..schemas.posts import (
    CommentIn,
    CommentOut,
    PostEdit,
    PostFilters,
    PostIn,
    PostOut,
    PostsPage,
    ReactionIn,
    ReactionOut,
)

PREFIX = "/posts"
router = Router(tags=["posts"])


def visible_post(request: AuthenticatedHttpRequest, post_id: int) -> Post:
    post = selectors.post_get(request.user, post_id)
    if post is None:
        raise Http404
    return post


@router.get("/", response=PostsPage, auth=READ, summary=N_("Posts you may see, newest first"))
def posts_list(
    request: AuthenticatedHttpRequest, page: PageQuery, filters: Query[PostFilters]
) -> dict[str, object]:
    posts = visible_posts(request.user)
    if filters.space is not None:
        space = space_get(filters.space, request.user)
        if space is None:
            raise Http404
        posts = posts.filter(space=space)
    if filters.author is not None:
        posts = posts.filter(author_id=filters.author)
    if filters.kind is not None:
        posts = posts.filter(kind=filters.kind)
    rows, cursor = paginate(
        selectors.with_cards(posts, request.user), order=("-created_at", "-pk"), params=page
    )
    return {"items": selectors.decorate(rows, request.user, previews=False), "next": cursor}


@router.get("/{post_id}", response=PostOut, auth=READ, summary=N_("One post"))
def posts_detail(request: AuthenticatedHttpRequest, post_id: PathId) -> Post:
    return visible_post(request, post_id)


@router.post(
    "/", response={201: PostOut}, auth=WRITE, summary=N_("Post in a space or on your profile")
)
def posts_create(request: AuthenticatedHttpRequest, payload: PostIn) -> Status[Post]:
    space = None
    if payload.space:
        space = space_get(payload.space, request.user)
        if space is None:
            raise Http404
    post = services.post_create(author=request.user, body=payload.body, space=space)
    return Status(201, visible_post(request, post.pk))


@router.patch("/{post_id}", response=PostOut, auth=WRITE, summary=N_("Change your post's text"))
def posts_update(request: AuthenticatedHttpRequest, post_id: PathId, payload: PostEdit) -> Post:
    post = visible_post(request, post_id)
    services.post_update(post=post, editor=request.user, body=payload.body)
    return visible_post(request, post_id)


@router.delete("/{post_id}", response={204: None}, auth=WRITE, summary=N_("Delete a post"))
def posts_delete(request: AuthenticatedHttpRequest, post_id: PathId) -> Status[None]:
    services.post_delete(post=visible_post(request, post_id), by=request.user)
    return Status(204, None)


@router.get(
    "/{post_id}/comments", response=list[CommentOut], auth=READ, summary=N_("A post's comments")
)
def comments_list(request: AuthenticatedHttpRequest, post_id: PathId) -> list[Comment]:
    """Every comment, oldest first, each top-level comment followed by its replies."""
    post = visible_post(request, post_id)
    flat: list[Comment] = []
    for comment in selectors.post_comments(request.user, post):
        flat.append(comment)
        flat.extend(comment.reply_list)  # type: ignore[attr-defined]
    return flat


@router.post(
    "/{post_id}/comments", response={201: CommentOut}, auth=WRITE, summary=N_("Comment on a post")
)
def comments_create(
    request: AuthenticatedHttpRequest, post_id: PathId, payload: CommentIn
) -> Status[Comment]:
    post = visible_post(request, post_id)
    parent = None
    if payload.parent is not None:
        parent = Comment.objects.filter(post=post, pk=payload.parent).first()
        if parent is None:
            raise Http404
    comment = services.comment_create(
        post=post, author=request.user, body=payload.body, parent=parent
    )
    comment.can_edit = comment.can_delete = True  # type: ignore[attr-defined]
    return Status(201, comment)


@router.put("/{post_id}/reaction", response=ReactionOut, auth=WRITE, summary=N_("React to a post"))
def reactions_set(
    request: AuthenticatedHttpRequest, post_id: PathId, payload: ReactionIn
) -> dict[str, str | None]:
    """Set your reaction (replacing another one); setting the same one again keeps it."""
    post = visible_post(request, post_id)
    if Reaction.objects.filter(post=post, person=request.user, kind=payload.kind).exists():
        return {"kind": payload.kind}
    reaction = services.reaction_set(person=request.user, post=post, kind=payload.kind)
    return {"kind": reaction.kind if reaction else None}


@router.delete(
    "/{post_id}/reaction", response={204: None}, auth=WRITE, summary=N_("Take your reaction back")
)
def reactions_remove(request: AuthenticatedHttpRequest, post_id: PathId) -> Status[None]:
    services.reaction_set(person=request.user, post=visible_post(request, post_id), kind=None)
    return Status(204, None)
