"""PostgreSQL: a trigram index on the titles of people, spaces and wiki pages only, for the near
misses among the suggestions (selectors.NEAR_KINDS). The trigram index on every title finds
too many candidates among 100,000 document titles for a short name typed with a typo."""

from django.db import migrations

NEAR_INDEX = (
    "CREATE INDEX search_entry_near_trgm_idx ON search_searchentry"
    " USING gin (title gin_trgm_ops) WHERE kind IN ('person', 'space', 'wiki')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NEAR_INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX search_entry_near_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_kind_created_index")]

    operations = [migrations.RunPython(create, drop)]
