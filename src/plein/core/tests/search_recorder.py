"""A fake search indexer for tests: records what the services index and unindex, and the entry
each kind gives at that moment. Any other indexer (plein.search's) is left out meanwhile.

    with recording() as indexed:
        services.page_create(...)
    assert indexed.calls == [("index", "wiki", page.pk)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from plein.core.registries.search import INDEXERS, Entry, Indexer, SearchKind


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []
        self.entries: dict[tuple[str, int], Entry | None] = {}

    def index(self, kind: SearchKind, obj: Any) -> None:
        self.calls.append(("index", kind.key, obj.pk))
        self.entries[(kind.key, obj.pk)] = kind.entry(obj)

    def index_many(self, kind: SearchKind, objects: Sequence[Any]) -> None:
        for obj in objects:
            self.index(kind, obj)

    def unindex(self, kind: SearchKind, pk: int) -> None:
        self.calls.append(("unindex", kind.key, pk))
        self.entries.pop((kind.key, pk), None)

    def indexed(self, key: str) -> list[int]:
        return [pk for action, kind, pk in self.calls if action == "index" and kind == key]


@contextmanager
def recording() -> Iterator[Recorder]:
    recorder = Recorder()
    with INDEXERS.registered():
        for other in INDEXERS.all():
            INDEXERS.unregister(other.key)
        INDEXERS.register(Indexer("test", 0, recorder.index, recorder.index_many, recorder.unindex))
        yield recorder
