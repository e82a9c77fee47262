"""The help place: a space for questions about the intranet itself, a default for everyone."""

from django.db import migrations
from django.utils import timezone

HELP_SLUG = "help"


def create_help_space(apps, schema_editor):
    Space = apps.get_model("spaces", "Space")
    Membership = apps.get_model("spaces", "Membership")
    Person = apps.get_model("people", "Person")
    if Space.objects.filter(slug=HELP_SLUG).exists():
        return
    space = Space.objects.create(
        slug=HELP_SLUG,
        name="Vragen over het intranet",
        description=(
            "Hoe werkt het intranet? Stel hier je vraag: ambassadeurs en het projectteam "
            "helpen je verder. Geen vraag is te klein."
        ),
        kind="open",
        is_default_for_everyone=True,
    )
    now = timezone.now()
    Membership.objects.bulk_create(
        [
            Membership(space=space, person_id=pk, role="member", state="member", created_at=now)
            for pk in Person.objects.filter(is_active=True).values_list("pk", flat=True)
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("launch", "0001_initial"),
        ("spaces", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_help_space, migrations.RunPython.noop)]
