from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plein.accounts.twofactor.services import twofactor_reset
from plein.people.models import Person


class Command(BaseCommand):
    help = (
        "Reset a person's two-factor authentication (a lost phone and lost recovery codes), "
        "for when no other administrator can do it on the Management page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        person = Person.objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError(f"No person with the e-mail address {email}.")
        twofactor_reset(person=person, actor=None)
        self.stdout.write(f"Two-factor authentication of {person.email} has been reset.")
