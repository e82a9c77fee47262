"""Hints for SQLite's query planner, which keeps no statistics about the data.

Without them SQLite may walk the wrong index: for `parent_id IS NULL` (true of almost every
comment) it takes the index on parent_id and reads every top-level comment ever written. Wrapped
in a hint the condition is still checked, but weighs as it should. PostgreSQL plans from
statistics, so elsewhere a hint is plain parentheses.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Func


class _Hint(Func):
    function = ""
    output_field = BooleanField()
    conditional = True
    sqlite_function = ""

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function=self.sqlite_function, **extra)


class Likely(_Hint):
    """A condition most rows meet: `filter(Likely(Q(parent__isnull=True)))`."""

    sqlite_function = "likely"


class Unlikely(_Hint):
    """A condition few rows meet (events not yet ended, of all events ever)."""

    sqlite_function = "unlikely"
