from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.redirects import redirect_next
from plein.people.http import AuthenticatedHttpRequest
from plein.spaces.selectors import space_get

from . import selectors, services, wording
from .forms import NotificationSettingsForm

PER_PAGE = 25


def _list_context(request: AuthenticatedHttpRequest) -> dict[str, object]:
    notifications = selectors.with_details(selectors.visible_notifications(request.user))
    page_obj = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    items = [(n, wording.sentence(n), wording.target_url(n)) for n in page_obj.object_list]
    has_unread = any(n.read_at is None for n, _sentence, _url in items)
    return {"page_obj": page_obj, "items": items, "has_unread": has_unread}


@login_required
@require_safe
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "notifications/list.html", _list_context(request))


@login_required
@require_safe
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Following a notification's link marks it read and goes to what it is about."""
    notification = selectors.notification_get(request.user, pk)
    if notification is None:
        raise Http404
    services.notification_mark_read(person=request.user, notification=notification)
    return redirect(wording.target_url(notification))


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(person=request.user)
    if request.htmx:  # type: ignore[attr-defined]
        response = render(
            request, "notifications/partials/list_update.html", _list_context(request)
        )
        patch_vary_headers(response, ["HX-Request"])
        return response
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    prefs = selectors.settings_for(request.user)
    form = NotificationSettingsForm(request.POST or None, instance=prefs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.notification_settings_update(
            person=request.user,
            email_mentions=data["email_mentions"],
            email_replies=data["email_replies"],
            email_invitations=data["email_invitations"],
            digest=data["digest"],
        )
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "muted_spaces": selectors.muted_spaces(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def space_mute(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = space_get(slug, request.user)
    if space is None:
        raise Http404
    muted = request.POST.get("muted") == "1"
    services.space_mute_set(person=request.user, space=space, muted=muted)
    if muted:
        messages.success(
            request,
            _("You will no longer be notified about new activity in %(name)s.")
            % {"name": space.name},
        )
    else:
        messages.success(
            request,
            _("You will be notified about new activity in %(name)s again.") % {"name": space.name},
        )
    return redirect_next(request, space.get_absolute_url())
