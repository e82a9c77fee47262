"""PostgreSQL: the words of each suggestible title, for the suggestions as you type (the start
of every typed word, "de Vr" for "Tim de Vries"): a text search configuration `plein_simple`
(no stemming, no stop words, accents ignored), a stored generated tsvector `title_words` and a
GIN index on it for the entries offered as suggestions. A trigram index cannot find the start
of a word of one or two letters, and checks many titles for a longer one."""

from django.db import migrations

FORWARDS = [
    "CREATE TEXT SEARCH CONFIGURATION plein_simple (COPY = pg_catalog.simple)",
    "ALTER TEXT SEARCH CONFIGURATION plein_simple"
    " ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple",
    "ALTER TABLE search_searchentry ADD COLUMN title_words tsvector GENERATED ALWAYS AS"
    " (to_tsvector('plein_simple'::regconfig, coalesce(title, ''))) STORED",
    "CREATE INDEX search_entry_title_words_idx ON search_searchentry USING gin (title_words)"
    " WHERE suggest",
    # The two kinds with the most titles have their own: the start of a common word ("Handl")
    # is in thousands of document titles, which a search for people need not read.
    *(
        f"CREATE INDEX search_entry_title_words_{kind}_idx ON search_searchentry"
        f" USING gin (title_words) WHERE suggest AND kind = '{kind}'"
        for kind in ("person", "document")
    ),
]
BACKWARDS = [
    "DROP INDEX search_entry_title_words_person_idx",
    "DROP INDEX search_entry_title_words_document_idx",
    "DROP INDEX search_entry_title_words_idx",
    "ALTER TABLE search_searchentry DROP COLUMN title_words",
    "DROP TEXT SEARCH CONFIGURATION plein_simple",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_near_trigram_index")]

    operations = [migrations.RunPython(forwards, backwards)]
