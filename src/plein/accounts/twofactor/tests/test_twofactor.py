from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plein.accounts.sso.pages import SESSION_PROTOCOL
from plein.accounts.twofactor import services
from plein.accounts.twofactor.views import SESSION_KEY
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")
SETUP = reverse("accounts:twofactor_setup")
VERIFY = reverse("accounts:twofactor_verify")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.PLEIN_2FA_REQUIRED_ROLES = ["administrator", "community_manager"]
    settings.AXES_FAILURE_LIMIT = 5


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits) + offset:06d}"[-6:]


def wrong_code(device: TOTPDevice) -> str:
    right = code_for(device)
    return "000000" if right != "000000" else "111111"


def enable(person) -> tuple[TOTPDevice, list[str]]:  # type: ignore[no-untyped-def]
    key = services.new_key()
    code = code_for(services.unsaved_device(person=person, key=key))
    codes = services.twofactor_confirm(person=person, key=key, code=code)
    device = TOTPDevice.objects.get(user=person)
    device.last_t = -1  # the confirming code may be used again at once in these tests
    device.save()
    return device, codes


def pending(client, person) -> TOTPDevice:  # type: ignore[no-untyped-def]
    return services.unsaved_device(person=person, key=client.session[SESSION_KEY])


def password_login(client, person):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:login"), {"username": person.email, "password": DEFAULT_PASSWORD}
    )


def test_setting_up_with_a_wrong_then_the_right_code_gives_ten_recovery_codes(client):
    person = PersonFactory()
    client.force_login(person)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    assert not TOTPDevice.objects.exists()  # the new key waits in the session
    device = pending(client, person)
    wrong = client.post(SETUP, {"code": wrong_code(device)})
    assert wrong.status_code == 400
    assert "not right" in wrong.content.decode()
    assert not services.is_enabled(person)
    right = client.post(SETUP, {"code": code_for(device)})
    assert right.status_code == 200
    codes = right.context["codes"]
    assert len(codes) == 10
    assert services.is_enabled(person)
    stored = set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & {code.replace("-", "") for code in codes}  # hashed, not in the clear


def test_a_recovery_code_works_once(client):
    person = PersonFactory()
    _device, codes = enable(person)
    assert services.twofactor_verify(person=person, code=codes[0].upper()) is not None
    assert services.twofactor_verify(person=person, code=codes[0]) is None
    assert services.recovery_codes_left(person) == 9


def test_a_required_role_must_set_up_two_factor_before_anything_else(client):
    admin = PersonFactory(roles=["administrator"])
    assert password_login(client, admin).status_code == 302
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert client.get(reverse("accounts:settings"))["Location"].startswith(SETUP)
    assert client.get(SETUP).status_code == 200
    device = pending(client, admin)
    assert client.post(SETUP, {"code": code_for(device)}).status_code == 200
    assert client.get("/people/").status_code == 200


def test_people_without_a_required_role_are_not_asked(client):
    person = PersonFactory(roles=["editor"])
    password_login(client, person)
    assert client.get(HOME).status_code == 200


def test_a_login_through_the_identity_provider_is_not_asked(client):
    admin = PersonFactory(roles=["administrator"])
    enable(admin)
    client.force_login(admin)
    assert client.get(HOME).status_code == 302
    session = client.session
    session[SESSION_PROTOCOL] = "oidc"
    session.save()
    assert client.get(HOME).status_code == 200


def test_every_password_login_asks_for_a_code_after_the_password(client):
    person = PersonFactory()
    device, _codes = enable(person)
    password_login(client, person)
    response = client.get("/people/")
    assert response["Location"] == VERIFY + "?next=%2Fpeople%2F"
    # Nothing else opens, not even the settings (or making an access token).
    assert client.get(reverse("accounts:tokens")).status_code == 302
    wrong = client.post(VERIFY, {"code": wrong_code(device)})
    assert wrong.status_code == 400
    assert "not right" in wrong.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    right = client.post(VERIFY, {"code": code_for(device), "next": "/people/"})
    assert right["Location"] == "/people/"
    assert client.get("/people/").status_code == 200


def test_five_wrong_codes_log_out_and_lock_the_password_login(client):
    person = PersonFactory()
    device, _codes = enable(person)
    password_login(client, person)
    for _attempt in range(4):
        assert client.post(VERIFY, {"code": wrong_code(device)}).status_code == 400
        device.throttling_failure_timestamp = None  # django-otp's own slowing down aside
        device.save()
    locked = client.post(VERIFY, {"code": wrong_code(device)})
    assert locked.status_code == 429
    assert client.get(HOME)["Location"].startswith(reverse("accounts:login"))
    assert password_login(client, person).status_code == 429


def test_a_person_turns_it_off_unless_their_role_requires_it(client):
    person = PersonFactory()
    enable(person)
    client.force_login(person)
    device = TOTPDevice.objects.get(user=person)
    client.post(VERIFY, {"code": code_for(device)})
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    wrong = client.post(reverse("accounts:twofactor_disable"), {"code": wrong_code(device)})
    assert wrong.status_code == 400
    assert wrong_code(device) in wrong.content.decode()  # what was typed is shown again
    assert services.is_enabled(person)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    client.post(reverse("accounts:twofactor_disable"), {"code": code_for(device)})
    assert not services.is_enabled(person)

    manager = PersonFactory(roles=["community_manager"])
    enable(manager)
    client.force_login(manager)
    client.post(VERIFY, {"code": code_for(TOTPDevice.objects.get(user=manager))})
    response = client.post(
        reverse("accounts:twofactor_disable"), {"code": code_for(TOTPDevice.objects.get())}
    )
    assert "requires two-factor" in response.content.decode()
    assert services.is_enabled(manager)


def test_an_administrator_resets_someones_two_factor(client, settings):
    settings.PLEIN_2FA_REQUIRED_ROLES = []
    admin = PersonFactory(roles=["administrator"])
    person = PersonFactory()
    enable(person)
    url = reverse("manage:person_twofactor_reset", args=[person.pk])
    client.force_login(person)
    assert client.post(url).status_code in (302, 403)
    assert services.is_enabled(person)
    client.force_login(admin)
    assert client.get(url).status_code == 405
    page = client.get(reverse("manage:person", args=[person.pk]))
    assert "Reset two-factor authentication" in page.content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("manage:person", args=[person.pk])
    assert not services.is_enabled(person)
    assert not StaticToken.objects.filter(device__user=person).exists()


def test_a_reset_halfway_through_a_login_sends_a_required_role_to_the_set_up(client):
    admin = PersonFactory(roles=["administrator"])
    enable(admin)
    password_login(client, admin)
    assert client.get(HOME)["Location"].startswith(VERIFY)
    services.twofactor_reset(person=admin, actor=None)
    assert client.get(VERIFY)["Location"] == HOME
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_the_operator_resets_the_only_administrator_from_the_command_line():
    admin = PersonFactory(roles=["administrator"], email="beheer@example.org")
    enable(admin)
    call_command("twofactor_reset", "Beheer@Example.org", stdout=StringIO())
    assert not services.is_enabled(admin)
    with pytest.raises(CommandError):
        call_command("twofactor_reset", "nobody@example.org", stdout=StringIO())
