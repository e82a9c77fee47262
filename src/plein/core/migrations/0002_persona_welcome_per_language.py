"""The persona's welcome per language, and names that follow a renaming: in the text written so
far (Dutch, the default language) the persona's and the intranet's current names become the
placeholders {persona} and {intranet}."""

import re

from django.db import migrations, models


def _placeholders(apps, schema_editor):
    Branding = apps.get_model("core", "Branding")
    for branding in Branding.objects.all():
        text = branding.persona_welcome
        for name, placeholder in (
            (branding.persona_name, "{persona}"),
            (branding.intranet_name, "{intranet}"),
        ):
            if name.strip():
                text = re.sub(rf"(?<!\w){re.escape(name.strip())}(?!\w)", placeholder, text)
        if text != branding.persona_welcome:
            Branding.objects.filter(pk=branding.pk).update(persona_welcome=text)


def _names(apps, schema_editor):
    Branding = apps.get_model("core", "Branding")
    for branding in Branding.objects.all():
        text = branding.persona_welcome.replace(
            "{persona}", branding.persona_name or branding.intranet_name
        ).replace("{intranet}", branding.intranet_name)
        Branding.objects.filter(pk=branding.pk).update(persona_welcome=text)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="branding",
            name="persona_welcome_en",
            field=models.TextField(
                blank=True,
                default="",
                max_length=1000,
                verbose_name="persona welcome text in English",
            ),
        ),
        migrations.AlterField(
            model_name="branding",
            name="persona_welcome",
            field=models.TextField(
                blank=True,
                default="",
                max_length=1000,
                verbose_name="persona welcome text in Dutch",
            ),
        ),
        migrations.RunPython(_placeholders, _names),
    ]
