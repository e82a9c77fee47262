from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.files import stored_image_response
from plein.core.forms import add_service_error
from plein.core.http import form_page as _form_page
from plein.core.permissions import require as _require
from plein.core.ratelimit import limited
from plein.core.registries.space_page import space_page_context
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Person

from . import permissions, services
from .forms import DefaultsForm, InviteForm, RoleForm, SpaceForm, SpaceSearchForm
from .models import Membership, Space
from .selectors import (
    MEMBERS_PREVIEW,
    directory_spaces,
    membership_prefetch,
    space_get,
    space_members,
    space_pending,
)

State = Membership.State
SPACES_PER_PAGE = 24


def _space_or_404(request: AuthenticatedHttpRequest, slug: str) -> Space:
    space = space_get(slug, request.user)
    if space is None:
        raise Http404
    return space


@login_required
@require_safe
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    partial = bool(request.htmx and not request.htmx.history_restore_request)  # type: ignore[attr-defined]
    form = SpaceSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    mine = request.GET.get("tab") == "mine"
    spaces = directory_spaces(request.user, q=q, mine=mine).prefetch_related(
        membership_prefetch(request.user)
    )
    page_obj = Paginator(spaces, SPACES_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in (("tab", "mine" if mine else ""), ("q", q)) if v])
    context = {
        "form": form,
        "page_obj": page_obj,
        "spaces": page_obj.object_list,
        "mine": mine,
        "q": q,
        "filter_query": query,
        "partial": partial,
        "can_create": permissions.can_create_space(request.user),
    }
    template = "spaces/partials/directory_results.html" if partial else "spaces/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_create_space(request.user))
    form = SpaceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            space = services.space_create(
                creator=request.user,
                name=data["name"],
                description=data["description"],
                kind=data["kind"],
                image=data["image"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The space %(name)s has been created.") % {"name": space.name}
            )
            return redirect(space)
    return _form_page(request, "spaces/space_form.html", {"form": form, "space": None})


@login_required
@require_safe
def detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = _space_or_404(request, slug)
    user = request.user
    permissions.memberships_preload(user, [space.pk])  # one query for all the rules below
    membership = permissions.membership_of(user, space)
    return render(
        request,
        "spaces/detail.html",
        {
            "space": space,
            "membership": membership,
            "members": space_members(space, limit=MEMBERS_PREVIEW),
            "can_join": permissions.can_join(user, space),
            "can_request": permissions.can_request(user, space),
            "has_invitation": permissions.has_invitation(user, space),
            "can_leave": permissions.can_leave(user, space),
            "is_member": permissions.is_member(user, space),
            "can_moderate": permissions.can_moderate(user, space),
            "can_manage_defaults": permissions.can_manage_defaults(user),
            "has_requested": membership is not None and membership.state == State.REQUESTED,
            **space_page_context(request, space),
        },
    )


@login_required
@require_safe
def image(request: AuthenticatedHttpRequest, slug: str) -> FileResponse:
    space = _space_or_404(request, slug)
    return stored_image_response(space.image, content_type="image/jpeg", public=False)


@login_required
@require_safe
def members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = _space_or_404(request, slug)
    return _members_page(request, space, InviteForm(user=request.user))


def _members_page(
    request: AuthenticatedHttpRequest, space: Space, invite_form: InviteForm, status: int = 200
) -> HttpResponse:
    can_moderate = permissions.can_moderate(request.user, space)
    return render(
        request,
        "spaces/members.html",
        {
            "space": space,
            "members": space_members(space),
            "can_moderate": can_moderate,
            "is_owner": permissions.is_owner(request.user, space),
            "requests": space_pending(space, State.REQUESTED) if can_moderate else [],
            "invitations": space_pending(space, State.INVITED) if can_moderate else [],
            "invite_form": invite_form,
            "role_choices": Membership.Role.choices,
        },
        status=status,
    )


@login_required
@require_POST
@limited("invitation")
def invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = _space_or_404(request, slug)
    _require(permissions.can_moderate(request.user, space))
    form = InviteForm(request.POST, user=request.user)
    if form.is_valid():
        person: Person = form.cleaned_data["email"]
        try:
            services.space_invite(space=space, person=person, actor=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("%(name)s has been invited.") % {"name": person.full_name})
            return redirect("spaces:members", space.slug)
    return _members_page(request, space, form, status=400)


def _action(
    request: AuthenticatedHttpRequest,
    slug: str,
    action: Callable[[Space], object],
    *,
    done: str,
    to_members: bool = False,
) -> HttpResponse:
    """A button's action on a space: say `done`, or why not, and go back to the page."""
    space = _space_or_404(request, slug)
    try:
        action(space)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    if to_members:
        return redirect("spaces:members", space.slug)
    if not permissions.can_view_space(request.user, space):
        return redirect("spaces:directory")
    return redirect(space)


@login_required
@require_POST
def join(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _action(
        request,
        slug,
        lambda space: services.space_join(space=space, person=request.user),
        done=_("Welcome! You are now a member."),
    )


@login_required
@require_POST
def ask(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _action(
        request,
        slug,
        lambda space: services.space_request_membership(space=space, person=request.user),
        done=_("Your request has been sent to the moderators."),
    )


@login_required
@require_POST
def leave(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _action(
        request,
        slug,
        lambda space: services.space_leave(space=space, person=request.user),
        done=_("You have left the space."),
    )


@login_required
@require_POST
def accept_invitation(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _action(
        request,
        slug,
        lambda space: services.space_accept_invitation(space=space, person=request.user),
        done=_("Welcome! You are now a member."),
    )


@login_required
@require_POST
def decline_invitation(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _action(
        request,
        slug,
        lambda space: services.space_decline_invitation(space=space, person=request.user),
        done=_("You have declined the invitation."),
    )


def _moderation(
    request: AuthenticatedHttpRequest,
    slug: str,
    pk: int,
    do: Callable[[Space, Person], object],
    done: str,
) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    return _action(
        request,
        slug,
        lambda space: do(space, person),
        done=done % {"name": person.full_name},
        to_members=True,
    )


@login_required
@require_POST
def accept_request(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _moderation(
        request,
        slug,
        pk,
        lambda space, person: services.space_accept_request(
            space=space, person=person, actor=request.user
        ),
        _("%(name)s is now a member."),
    )


@login_required
@require_POST
def decline_request(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _moderation(
        request,
        slug,
        pk,
        lambda space, person: services.space_decline_request(
            space=space, person=person, actor=request.user
        ),
        _("The request from %(name)s has been declined."),
    )


@login_required
@require_POST
def remove(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _moderation(
        request,
        slug,
        pk,
        lambda space, person: services.space_remove_member(
            space=space, person=person, actor=request.user
        ),
        _("%(name)s has been removed from the space."),
    )


@login_required
@require_POST
def set_role(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else ""
    return _moderation(
        request,
        slug,
        pk,
        lambda space, person: services.space_set_role(
            space=space, person=person, role=role, actor=request.user
        ),
        _("The role of %(name)s has been changed."),
    )


@login_required
def edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = _space_or_404(request, slug)
    _require(permissions.can_moderate(request.user, space))
    initial = {"name": space.name, "description": space.description, "kind": space.kind}
    form = SpaceForm(request.POST or None, request.FILES or None, initial=initial, space=space)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.space_update(
                space=space,
                actor=request.user,
                name=data["name"],
                description=data["description"],
                kind=data["kind"],
                image=data["image"],
                remove_image=data.get("remove_image", False),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The space has been saved."))
            return redirect(space)
    return _form_page(request, "spaces/space_form.html", {"form": form, "space": space})


@login_required
def defaults(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = _space_or_404(request, slug)
    _require(permissions.can_manage_defaults(request.user))
    initial = {
        "for_everyone": space.is_default_for_everyone,
        "departments": list(space.default_departments.all()),
    }
    form = DefaultsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.space_set_defaults(
            space=space,
            for_everyone=form.cleaned_data["for_everyone"],
            departments=form.cleaned_data["departments"],
            actor=request.user,
        )
        messages.success(request, _("Saved. The default members are being added."))
        return redirect(reverse("spaces:detail", args=[space.slug]))
    return _form_page(request, "spaces/defaults.html", {"form": form, "space": space})
