"""Spaces: the visible ones, one space, joining, asking to join, leaving, and the members."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext_noop as N_
from ninja import Path, Query, Router, Status

from plein.people.http import AuthenticatedHttpRequest
from plein.spaces import permissions, services
from plein.spaces.models import Membership, Space
from plein.spaces.selectors import directory_spaces, membership_prefetch, space_get

from ..auth import READ, WRITE
from ..pagination import PageQuery, paginate
from ..schemas.spaces import MembersPage, SpaceFilters, SpaceOut, SpacesPage

PREFIX = "/spaces"
router = Router(tags=["spaces"])
Slug = Annotated[str, Path(..., max_length=140, pattern=r"^[-a-zA-Z0-9_]+$")]


def visible_space(request: AuthenticatedHttpRequest, slug: str) -> Space:
    """The space with this address if the person may see it (404 otherwise), as on its page."""
    space = space_get(slug, request.user)
    if space is None:
        raise Http404
    return space


def _with_membership(request: AuthenticatedHttpRequest, space: Space) -> Space:
    return (
        directory_spaces(request.user)
        .filter(pk=space.pk)
        .prefetch_related(membership_prefetch(request.user))
        .get()
    )


@router.get("/", response=SpacesPage, auth=READ, summary=N_("List the spaces you may see"))
def spaces_list(
    request: AuthenticatedHttpRequest, page: PageQuery, filters: Query[SpaceFilters]
) -> dict[str, object]:
    spaces = directory_spaces(request.user, q=filters.q, mine=filters.mine).prefetch_related(
        membership_prefetch(request.user)
    )
    items, cursor = paginate(spaces, order=("name", "pk"), params=page)
    return {"items": items, "next": cursor}


@router.get("/{slug}", response=SpaceOut, auth=READ, summary=N_("One space"))
def spaces_detail(request: AuthenticatedHttpRequest, slug: Slug) -> Space:
    return _with_membership(request, visible_space(request, slug))


@router.get(
    "/{slug}/members", response=MembersPage, auth=READ, summary=N_("The members of a space")
)
def spaces_members(
    request: AuthenticatedHttpRequest, slug: Slug, page: PageQuery
) -> dict[str, object]:
    """Current active members, longest first, for whoever may see the space (as its page)."""
    space = visible_space(request, slug)
    members = Membership.objects.filter(
        space=space, state=Membership.State.MEMBER, person__is_active=True
    ).select_related("person")
    items, cursor = paginate(members, order=("created_at", "pk"), params=page)
    return {"items": items, "next": cursor}


def _act(request: AuthenticatedHttpRequest, slug: str, action: Callable[..., Membership]) -> Space:
    space = visible_space(request, slug)
    action(space=space, person=request.user)
    if not permissions.can_view_space(request.user, space):
        raise Http404  # (left a secret space: it is gone from sight)
    return _with_membership(request, space)


@router.post("/{slug}/join", response=SpaceOut, auth=WRITE, summary=N_("Join an open space"))
def spaces_join(request: AuthenticatedHttpRequest, slug: Slug) -> Space:
    """Join an open space, or accept an invitation to any space."""
    space = visible_space(request, slug)
    if permissions.has_invitation(request.user, space):
        return _act(request, slug, services.space_accept_invitation)
    return _act(request, slug, services.space_join)


@router.post(
    "/{slug}/request", response=SpaceOut, auth=WRITE, summary=N_("Ask to join a closed space")
)
def spaces_request(request: AuthenticatedHttpRequest, slug: Slug) -> Space:
    return _act(request, slug, services.space_request_membership)


@router.post("/{slug}/leave", response={204: None}, auth=WRITE, summary=N_("Leave a space"))
def spaces_leave(request: AuthenticatedHttpRequest, slug: Slug) -> Status[None]:
    services.space_leave(space=visible_space(request, slug), person=request.user)
    return Status(204, None)
