from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                fields=["space", "state", "role"], name="membership_space_state_idx"
            ),
        ),
    ]
