"""Extension points: small typed registries that higher apps fill from `AppConfig.ready()`.

A lower app never imports a higher one. Where it needs something from above (a readiness check
for each kind of content, a first step, a start-page widget, a digest section, a section of the
profile page...), it reads a registry here, and each higher app registers its part in its own
`AppConfig.ready()`. The registries hold plain, immutable descriptions (dataclasses) and
functions; they are filled once per process at start-up and never change afterwards, so every
process (web servers, task workers) holds the same.

    from plein.core.registries import Registry

    RECIPES: Registry[Recipe] = Registry("recipes")
    RECIPES.register(Recipe(key="soup", order=10, ...))   # in an AppConfig.ready()
    RECIPES.all()                                          # sorted by (order, key)

The modules beside this one are the registries, one per extension point; docs/architecture.md
lists them with who fills and who reads each.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, Protocol, TypeVar


class Registrable(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def order(self) -> int: ...


T = TypeVar("T", bound=Registrable)


class Registry(Generic[T]):
    """Items by their `key`, read in `(order, key)` order; registering a key again replaces it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}
        self._sorted: list[T] | None = None

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._items)} items>"

    def register(self, item: T) -> T:
        self._items[item.key] = item
        self._sorted = None
        return item

    def unregister(self, key: str) -> T | None:
        self._sorted = None
        return self._items.pop(key, None)

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def all(self) -> list[T]:
        if self._sorted is None:
            self._sorted = sorted(self._items.values(), key=lambda item: (item.order, item.key))
        return list(self._sorted)

    @contextmanager
    def registered(self, *items: T) -> Iterator[None]:
        """For tests: these items are registered inside the block, and the registry is as it
        was afterwards (what they replaced comes back)."""
        with self._restored():
            for item in items:
                self.register(item)
            yield

    @contextmanager
    def only(self, *items: T) -> Iterator[None]:
        """For tests: inside the block the registry holds just these items."""
        with self._restored():
            self._items = {}
            self._sorted = None
            for item in items:
                self.register(item)
            yield

    @contextmanager
    def _restored(self) -> Iterator[None]:
        saved = dict(self._items)
        try:
            yield
        finally:
            self._items = saved
            self._sorted = None
