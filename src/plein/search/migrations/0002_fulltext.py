"""The full-text index beside the search entries, one for each database.

PostgreSQL: the extensions unaccent and pg_trgm, the text search configuration `plein_dutch`
(Dutch with unaccent before the stemmer), a stored generated tsvector column `search_vector`
with a GIN index, and a trigram GIN index on the title.

SQLite: the FTS5 table `search_fts` with `search_searchentry` as its external content, kept in
sync by triggers. (SQLite rebuilds a table that a later migration alters, which drops these
triggers: such a migration must run FTS_TRIGGERS again and rebuild the FTS table.)
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class VendorSQL(migrations.RunSQL):
    """RunSQL on one database vendor only; a no-op on the others."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.vendor, self.sql, self.reverse_sql], {})

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class BackwardsOnPostgreSQLOnly:
    """Django skips an extension on other databases going forwards, but not backwards."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Unaccent(BackwardsOnPostgreSQLOnly, UnaccentExtension):
    pass


class Trigram(BackwardsOnPostgreSQLOnly, TrigramExtension):
    pass


PG_CONFIGURATION = [
    "CREATE TEXT SEARCH CONFIGURATION plein_dutch (COPY = pg_catalog.dutch)",
    "ALTER TEXT SEARCH CONFIGURATION plein_dutch "
    "ALTER MAPPING FOR word, hword, hword_part WITH unaccent, dutch_stem",
    # asciiword and friends carry no accents; unaccent costs nothing there, but keeps one rule.
]
PG_VECTOR = [
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('plein_dutch'::regconfig, coalesce(title, '')), 'A')"
    " || setweight(to_tsvector('plein_dutch'::regconfig, coalesce(body, '')), 'B')"
    " || setweight(to_tsvector('plein_dutch'::regconfig, coalesce(extra, '')), 'C')"
    ") STORED",
    "CREATE INDEX search_entry_vector_idx ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_entry_title_trgm_idx ON search_searchentry"
    " USING gin (title gin_trgm_ops)",
]

FTS_TABLE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, extra, content='search_searchentry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')"
)
FTS_TRIGGERS = [
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN"
    " INSERT INTO search_fts(rowid, title, body, extra)"
    " VALUES (new.id, new.title, new.body, new.extra); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body, extra)"
    " VALUES ('delete', old.id, old.title, old.body, old.extra); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body, extra)"
    " VALUES ('delete', old.id, old.title, old.body, old.extra);"
    " INSERT INTO search_fts(rowid, title, body, extra)"
    " VALUES (new.id, new.title, new.body, new.extra); END",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        Unaccent(),
        Trigram(),
        VendorSQL(
            "postgresql",
            PG_CONFIGURATION,
            ["DROP TEXT SEARCH CONFIGURATION IF EXISTS plein_dutch"],
        ),
        VendorSQL(
            "postgresql",
            PG_VECTOR,
            [
                "DROP INDEX IF EXISTS search_entry_title_trgm_idx",
                "DROP INDEX IF EXISTS search_entry_vector_idx",
                "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
            ],
        ),
        VendorSQL(
            "sqlite",
            [FTS_TABLE, *FTS_TRIGGERS, "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"],
            [
                "DROP TRIGGER IF EXISTS search_fts_update",
                "DROP TRIGGER IF EXISTS search_fts_delete",
                "DROP TRIGGER IF EXISTS search_fts_insert",
                "DROP TABLE IF EXISTS search_fts",
            ],
        ),
    ]
