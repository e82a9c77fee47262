"""Plein speaks informally in Dutch: "je", never "u" or "uw", Django's own messages included."""

import re
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.urls import reverse
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2]
# "u", "uw" and "uzelf" as words (not in "uur", "nu" or a placeholder such as "%(u)s").
FORMAL = re.compile(r"(?<![\w%(])(u|uw|uzelf)(?![\w)])", re.IGNORECASE)


def _dutch_catalogues() -> list[Path]:
    """Plein's catalogue and those of Django and every installed app that has Dutch."""
    folders = [Path(django.__file__).parent / "conf", PACKAGE]
    folders += [Path(config.path) for config in apps.get_app_configs()]
    found = {folder / "locale" / "nl" / "LC_MESSAGES" / "django.po" for folder in folders}
    return sorted(path for path in found if path.exists())


def _seen_in_dutch(message_id: str | tuple[str, str]) -> list[str]:
    """What a Dutch page shows for a message: Plein's translation if it has one, else Django's."""
    with translation.override("nl"):
        if isinstance(message_id, tuple):
            return [translation.ngettext(*message_id, n) for n in (1, 2)]
        return [translation.gettext(message_id)]


def test_the_check_recognises_formal_address() -> None:
    assert FORMAL.search("Weet u het zeker?") and FORMAL.search("Uw wachtwoord is gewijzigd.")
    assert not FORMAL.search("Je krijgt nu een e-mail, binnen een uur.")
    assert not FORMAL.search("Hallo %(u)s, dit is je menu")


def test_no_dutch_message_a_person_can_meet_addresses_them_formally() -> None:
    catalogues = _dutch_catalogues()
    assert len(catalogues) >= 3  # Plein's, Django's and at least django.contrib.auth's
    formal = [
        f"{path.parent.parent.parent.parent.name}: {message.id!r} -> {shown!r}"
        for path in catalogues
        for message in read_po(path.open("rb"))
        if message.id
        for shown in _seen_in_dutch(message.id)
        if FORMAL.search(shown)
    ]
    assert formal == []


@pytest.mark.django_db
def test_the_password_change_page_says_je(client, person) -> None:
    person.language = "nl"
    person.save(update_fields=["language"])
    client.force_login(person)
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert "Je wachtwoord mag niet alleen uit cijfers bestaan." in page
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "123", "new_password2": "123"},
    )
    html = response.content.decode()
    assert "Je oude wachtwoord is niet goed ingevoerd." in html
    assert not FORMAL.search(html.replace("&#x27;", "'"))
