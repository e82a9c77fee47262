"""Making, revoking and checking access tokens: the one write path for tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core import audit
from plein.core.after_response import after_response
from plein.core.mail import in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.permissions import require
from plein.people.models import Person

from .models import PERSONAL_SCOPES, AccessToken, Scope
from .permissions import can_have_personal_tokens, can_manage_application_tokens, can_revoke_token

PREFIX = "plein_"
# How often the time a token was last used is written: not on every request.
TOUCH_EVERY = timedelta(minutes=5)


# How long before a token expires its owner is told, once (tokens_warn_expiring).
WARN_BEFORE = timedelta(days=7)
# The lifetimes a person chooses from for a personal token, in days (those above
# PLEIN_API_TOKEN_MAX_DAYS are left out by expiry_days()).
EXPIRY_DAYS = (7, 30, 90, 365)


def expiry_days() -> tuple[int, ...]:
    """The lifetimes on offer for a personal token: EXPIRY_DAYS within the longest allowed."""
    longest = settings.PLEIN_API_TOKEN_MAX_DAYS
    return tuple(days for days in EXPIRY_DAYS if days <= longest) or (longest,)


def expires_after(days: int, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=days)


@dataclass(frozen=True)
class NewToken:
    token: AccessToken
    raw: str  # shown to its maker once, never stored


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _check_scopes(kind: str, scopes: set[str]) -> None:
    if not scopes:
        raise ValidationError(_("Choose at least one scope."), code="no_scopes")
    allowed = set(PERSONAL_SCOPES if kind == AccessToken.Kind.PERSONAL else Scope.values)
    if scopes - allowed:
        raise ValidationError(_("This token cannot have that scope."), code="scope")


def _check_expiry(kind: str, expires_at: datetime | None, now: datetime) -> None:
    if expires_at is not None and expires_at <= now:
        raise ValidationError(_("The expiry date must lie in the future."), code="expired")
    longest = timedelta(days=settings.PLEIN_API_TOKEN_MAX_DAYS)
    if kind == AccessToken.Kind.PERSONAL and (expires_at is None or expires_at > now + longest):
        raise ValidationError(
            _("A personal token expires within %(days)s days.")
            % {"days": settings.PLEIN_API_TOKEN_MAX_DAYS},
            code="too_long",
        )


def _acting_person(
    kind: str, actor: Person, person: Person | None, scopes: set[str]
) -> Person | None:
    if kind == AccessToken.Kind.PERSONAL:
        require(can_have_personal_tokens(actor))
        return actor
    require(can_manage_application_tokens(actor))
    if person is None and scopes != {Scope.SCIM}:
        raise ValidationError(_("Choose the person this application acts as."), code="no_person")
    if person is not None and not person.is_active:
        raise ValidationError(_("This person's account is deactivated."), code="inactive")
    return person


@transaction.atomic
def token_create(
    *,
    actor: Person,
    name: str,
    scopes: Iterable[str],
    kind: str = AccessToken.Kind.PERSONAL,
    person: Person | None = None,
    expires_at: datetime | None = None,
) -> NewToken:
    """Make a token; the result holds the token itself, to be shown once.

    A personal token acts as `actor` and expires within PLEIN_API_TOKEN_MAX_DAYS. An application
    token (administrators only) acts as `person`, which only a provisioning-only token may leave
    empty. Raises ValidationError for a missing name, scope or person, or a past expiry date.
    """
    now = timezone.now()
    scope_set = {str(scope) for scope in scopes}
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name."), code="no_name")
    _check_scopes(kind, scope_set)
    _check_expiry(kind, expires_at, now)
    acting = _acting_person(kind, actor, person, scope_set)
    for _attempt in range(3):
        ident = PREFIX + secrets.token_hex(4)
        raw = f"{ident}_{secrets.token_urlsafe(32)}"
        token = AccessToken(
            kind=kind,
            name=name,
            person=acting,
            created_by=actor,
            scopes=sorted(scope_set),
            prefix=ident,
            digest=digest(raw),
            created_at=now,
            expires_at=expires_at,
        )
        try:
            with transaction.atomic():
                token.save()
        except IntegrityError:  # the 32-bit prefix was taken: draw again
            continue
        audit.record(
            action=audit.TOKEN_CREATED,
            actor=actor,
            target=token,
            details={"kind": kind, "scopes": sorted(scope_set)},
        )
        return NewToken(token=token, raw=raw)
    raise RuntimeError("Could not draw an unused token prefix")


@transaction.atomic
def token_revoke(*, actor: Person, token: AccessToken) -> AccessToken:
    """Revoke a token for good (revoking twice is harmless)."""
    require(can_revoke_token(actor, token))
    locked = (
        AccessToken.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=token.pk)
    )
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit.record(action=audit.TOKEN_REVOKED, actor=actor, target=locked)
        _tell_owner_of_revoke(actor=actor, token=locked)
    return locked


def _tell_owner_of_revoke(*, actor: Person, token: AccessToken) -> None:
    """E-mail the owner of a personal token that someone else (an administrator) revoked."""
    owner = token.person
    if token.kind != AccessToken.Kind.PERSONAL or owner is None or owner.pk == actor.pk:
        return
    if not (owner.is_active and owner.email):
        return
    with in_language_of(owner):
        email = render_email(
            subject=_("Your access token “%(name)s” has been revoked") % {"name": token.name},
            text="accounts/tokens/revoked_email.txt",
            context={
                "person": owner,
                "token": token,
                "actor": actor,
                "link": _tokens_link(token),
            },
        )
    email.enqueue_on_commit(to=[owner.email])


def token_authenticate(*, raw: str) -> AccessToken | None:
    """The usable token written as `raw`, or None.

    Unknown, revoked and expired tokens are refused, and so is a token that acts as a deactivated
    person. The time of last use is written at most once per TOUCH_EVERY, after the response.
    """
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = AccessToken.objects.select_related("person").filter(digest=digest(raw)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now):
        return None
    if token.person is not None and not token.person.is_active:
        return None
    if token.last_used_at is None or token.last_used_at < now - TOUCH_EVERY:
        # Written once the response has gone (a GET writes nothing while it runs).
        after_response(_touch, token.pk, now)
        token.last_used_at = now
    return token


def _touch(pk: int, now: datetime) -> None:
    AccessToken.objects.filter(pk=pk).update(last_used_at=now)


def _owner(token: AccessToken) -> Person | None:
    """Who hears about a token: the person of a personal token, the maker of an application
    token while they may still manage it."""
    if token.kind == AccessToken.Kind.PERSONAL:
        return token.person
    maker = token.created_by
    return maker if maker is not None and can_manage_application_tokens(maker) else None


@transaction.atomic
def tokens_warn_expiring(*, now: datetime | None = None) -> int:
    """E-mail the owner of each token that expires within WARN_BEFORE, once; tokens that never
    lived longer than that (a 7-day token) are left alone. Returns how many were told."""
    now = now or timezone.now()
    due = (
        AccessToken.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("person", "created_by")
        .filter(
            revoked_at__isnull=True,
            expiry_warned_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + WARN_BEFORE,
            created_at__lt=F("expires_at") - WARN_BEFORE,
        )
    )
    told = []
    for token in due:
        owner = _owner(token)
        if owner is None or not (owner.is_active and owner.email):
            continue
        with in_language_of(owner):
            email = render_email(
                subject=_("Your access token “%(name)s” expires soon") % {"name": token.name},
                text="accounts/tokens/expiring_email.txt",
                context={"person": owner, "token": token, "link": _tokens_link(token)},
            )
        email.enqueue_on_commit(to=[owner.email])
        told.append(token.pk)
    AccessToken.objects.filter(pk__in=told).update(expiry_warned_at=now)
    return len(told)


def _tokens_link(token: AccessToken) -> str:
    name = "accounts:tokens" if token.kind == AccessToken.Kind.PERSONAL else "manage:tokens"
    return absolute_url(reverse(name))
