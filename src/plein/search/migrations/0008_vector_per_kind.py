"""PostgreSQL: full-text indexes of the kinds with the most entries (posts, comments,
documents, people), each on its own entries only. A search for a rare word among the older entries of
one kind (selectors._pg_branches) then reads that kind's index alone, instead of ANDing the
index of all entries with the index of the kind (hundreds of thousands of entries).

And the trigram index on every title (0002) goes: suggestions now find the start of words by
`title_words` (0007) and near misses by the trigram index of people, spaces and wiki pages
(0006); with it, the planner could pick it for those and read 100,000 document titles."""

from django.db import migrations

KINDS = ("post", "comment", "document", "person")


ALL_TITLES = "search_entry_title_trgm_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX {ALL_TITLES}")
        for kind in KINDS:
            schema_editor.execute(
                f"CREATE INDEX search_entry_vector_{kind}_idx ON search_searchentry"
                f" USING gin (search_vector) WHERE kind = '{kind}'"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for kind in KINDS:
            schema_editor.execute(f"DROP INDEX search_entry_vector_{kind}_idx")
        schema_editor.execute(
            f"CREATE INDEX {ALL_TITLES} ON search_searchentry USING gin (title gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0007_title_words")]

    operations = [migrations.RunPython(create, drop)]
