"""The webhook screens of Management (administrators). Plain forms (POST, CSRF): everything
works without JavaScript."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from plein.core.forms import add_service_error
from plein.core.http import form_page
from plein.core.permissions import require
from plein.people.http import AuthenticatedHttpRequest

from . import payloads, services
from .forms import WebhookForm
from .models import Delivery, Webhook
from .permissions import can_manage_webhooks, visible_webhooks

DELIVERIES_PER_PAGE = 25


def _webhook(request: AuthenticatedHttpRequest, pk: int) -> Webhook:
    require(can_manage_webhooks(request.user))
    return get_object_or_404(visible_webhooks(request.user).select_related("owner", "space"), pk=pk)


def _labels(webhook: Webhook) -> list[str]:
    return [str(payloads.KINDS[key].label) for key in webhook.events if key in payloads.KINDS]


@login_required
def webhook_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_manage_webhooks(request.user))
    webhooks = list(visible_webhooks(request.user).select_related("owner", "space"))
    for webhook in webhooks:
        webhook.event_labels = _labels(webhook)  # type: ignore[attr-defined]
    return render(request, "webhooks/list.html", {"webhooks": webhooks})


def _save(
    request: AuthenticatedHttpRequest, form: WebhookForm, webhook: Webhook | None
) -> Webhook | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        if webhook is None:
            return services.webhook_create(by=request.user, **form.cleaned_data)
        return services.webhook_update(webhook=webhook, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        add_service_error(form, error)
        return None


@login_required
def webhook_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_manage_webhooks(request.user))
    form = WebhookForm(request.POST or None, user=request.user)
    saved = _save(request, form, None)
    if saved is not None:
        messages.success(
            request, _("The webhook has been registered. Give its secret to the receiving system.")
        )
        return redirect("manage:webhook", saved.pk)
    return form_page(request, "webhooks/form.html", {"form": form, "webhook": None})


@login_required
def webhook_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    form = WebhookForm(request.POST or None, user=request.user, webhook=webhook)
    if _save(request, form, webhook) is not None:
        messages.success(request, _("The webhook has been saved."))
        return redirect("manage:webhook", webhook.pk)
    return form_page(request, "webhooks/form.html", {"form": form, "webhook": webhook})


@login_required
@never_cache  # it shows the secret
def webhook_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    deliveries = webhook.deliveries.all()
    page = Paginator(deliveries, DELIVERIES_PER_PAGE).get_page(request.GET.get("page"))
    # A message holds what its owner may see: only the owner reads it here.
    is_owner = webhook.owner_id == request.user.pk
    for delivery in page.object_list:
        text = json.dumps(delivery.payload, indent=2, ensure_ascii=False) if is_owner else ""
        delivery.payload_text = text  # type: ignore[attr-defined]
    context = {
        "webhook": webhook,
        "page": page,
        "previous_url": f"?page={page.previous_page_number()}" if page.has_previous() else "",
        "next_url": f"?page={page.next_page_number()}" if page.has_next() else "",
        "event_labels": _labels(webhook),
        "rotating": services.signing_secrets(webhook, timezone.now())[1:] != [],
        "owner_can_see": can_manage_webhooks(webhook.owner),
        "is_owner": is_owner,
        "pending": Delivery.Status.PENDING,
    }
    return render(request, "webhooks/detail.html", context)


@login_required
@require_POST
def webhook_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    services.webhook_delete(webhook=webhook, by=request.user)
    messages.success(
        request, _("The webhook “%(name)s” has been removed.") % {"name": webhook.name}
    )
    return redirect("manage:webhooks")


def _actions() -> dict[str, tuple[Callable[..., object], str]]:
    return {
        "rotate": (
            services.webhook_secret_rotate,
            _("There is a new secret. The old one keeps signing too for 24 hours."),
        ),
        "enable": (services.webhook_enable, _("The webhook is switched on again.")),
        "disable": (services.webhook_disable, _("The webhook is switched off.")),
        "test": (
            services.webhook_send_test,
            _("A test message has been sent: see its delivery below."),
        ),
    }


@login_required
@require_POST
def webhook_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    webhook = _webhook(request, pk)
    found = _actions().get(action)
    if found is None:
        raise Http404
    service, done = found
    service(webhook=webhook, by=request.user)
    messages.success(request, done)
    return redirect("manage:webhook", webhook.pk)


@login_required
@require_POST
def delivery_redeliver(
    request: AuthenticatedHttpRequest, pk: int, delivery_pk: int
) -> HttpResponse:
    webhook = _webhook(request, pk)
    delivery = get_object_or_404(webhook.deliveries, pk=delivery_pk)
    try:
        services.delivery_redeliver(delivery=delivery, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The message is being sent again."))
    return redirect("manage:webhook", webhook.pk)
