"""The write path of two-factor authentication: set up, confirm, verify, turn off, reset."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from plein.people.models import Person
from plein.people.permissions import can_manage_roles
from plein.people.roles import ADMINISTRATOR

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def required_for(person: Person) -> bool:
    """Whether `person` must use two-factor authentication when they log in with a password."""
    roles = set(settings.PLEIN_2FA_REQUIRED_ROLES)
    if not roles:
        return False
    if person.is_superuser and ADMINISTRATOR.key in roles:
        return True
    return person.groups.filter(name__in=roles).exists()


def is_enabled(person: Person) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def _hashed(code: str) -> str:
    """A recovery code as stored: keyed with SECRET_KEY, so the table alone reveals none.
    django-otp's static tokens hold at most 16 characters."""
    normalised = "".join(code.split()).replace("-", "").lower()
    return salted_hmac("plein.twofactor.recovery", normalised).hexdigest()[:16]


def _show(token: str) -> str:
    return f"{token[:4]}-{token[4:]}"


def new_key() -> str:
    """A new authenticator secret (hex), kept in the session until the person confirms it."""
    return default_key()


def unsaved_device(*, person: Person, key: str) -> TOTPDevice:
    """The authenticator `key` would become, for its QR code and key (nothing is written)."""
    return TOTPDevice(user=person, key=key, name=DEVICE_NAME)


@transaction.atomic
def twofactor_confirm(*, person: Person, key: str, code: str) -> list[str]:
    """Turn the authenticator with `key` on once `code` shows the app has it (replacing an
    earlier one); returns the new recovery codes, the only time they are seen in the clear."""
    device = unsaved_device(person=person, key=key)
    checker = TOTP(device.bin_key, device.step, device.t0, device.digits)
    code = code.strip().replace(" ", "")
    if not code.isdigit() or not checker.verify(int(code), device.tolerance):
        raise ValidationError(
            _("That code is not right. Check the time on your phone and type the newest code.")
        )
    TOTPDevice.objects.filter(user=person).delete()
    device.confirmed = True
    device.last_t = checker.t()  # the same code cannot be used again to log in
    device.save()
    return recovery_codes_replace(person=person)


@transaction.atomic
def recovery_codes_replace(*, person: Person) -> list[str]:
    """Ten new one-time recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=person).delete()
    device = StaticDevice.objects.create(user=person, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=_hashed(c)) for c in codes)
    return [_show(code) for code in codes]


def recovery_codes_left(person: Person) -> int:
    return StaticToken.objects.filter(device__user=person).count()


@transaction.atomic
def twofactor_verify(*, person: Person, code: str) -> Device | None:
    """The device that accepts `code` (the app's current code or an unused recovery code,
    which is then used up), or None. django-otp slows down repeated wrong codes."""
    code = code.strip()
    digits = code.replace(" ", "")
    if digits.isdigit():
        for totp in TOTPDevice.objects.filter(user=person, confirmed=True).select_for_update():
            if totp.verify_token(digits):
                return totp
        return None
    for static in StaticDevice.objects.filter(user=person, confirmed=True).select_for_update():
        if static.verify_token(_hashed(code)):
            return static
    return None


@transaction.atomic
def twofactor_disable(*, person: Person, code: str) -> None:
    """A person turns two-factor authentication off with a current code, unless their role
    requires it."""
    if required_for(person):
        raise ValidationError(_("Your role requires two-factor authentication: it stays on."))
    if twofactor_verify(person=person, code=code) is None:
        raise ValidationError(
            _("That code is not right. Wait a moment, then type the newest code in your app.")
        )
    _remove_devices(person)


@transaction.atomic
def twofactor_reset(*, person: Person, actor: Person | None) -> None:
    """An administrator removes someone's authenticator (a lost phone): they set it up again
    at their next password login if their role requires it. No actor: the server's operator
    (`plein twofactor_reset`), e.g. for the only administrator."""
    if actor is not None and not can_manage_roles(actor):
        raise ValidationError(_("Only administrators can reset two-factor authentication."))
    _remove_devices(person)


def _remove_devices(person: Person) -> None:
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
