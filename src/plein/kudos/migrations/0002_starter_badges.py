"""The starter badges: organisation data in Dutch (the default language); the community
managers rename, add and retire them."""

from django.db import migrations

STARTER_BADGES = [
    ("🤝", "Teamspeler", "Werkt goed samen en helpt het team verder."),
    ("🦸", "Klantheld", "Gaat een stap verder voor inwoners en klanten."),
    ("💪", "Aanpakker", "Pakt het op en zorgt dat het af komt."),
    ("💡", "Vernieuwer", "Komt met een goed idee of een slimmere werkwijze."),
    ("🌟", "Collegiaal", "Staat klaar voor collega's en deelt kennis."),
]


def add_badges(apps, schema_editor):  # type: ignore[no-untyped-def]
    Badge = apps.get_model("kudos", "Badge")
    if Badge.objects.exists():
        return
    Badge.objects.bulk_create(
        Badge(emoji=emoji, name=name, description=description, position=position)
        for position, (emoji, name, description) in enumerate(STARTER_BADGES)
    )


class Migration(migrations.Migration):
    dependencies = [("kudos", "0001_initial")]

    operations = [migrations.RunPython(add_badges, migrations.RunPython.noop)]
