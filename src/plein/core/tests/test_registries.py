"""The registries (plein.core.registries): how they behave, and that the apps fill them."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import plein.core.registries as registries
from plein.core.registries import Registry
from plein.core.registries.demo import DEMO_STEPS
from plein.core.registries.firststeps import STEPS
from plein.core.registries.readiness import CHECKS
from plein.core.registries.schedule import SCHEDULE
from plein.core.registries.widgets import WIDGETS

ARCHITECTURE = Path(__file__).resolve().parents[4] / "docs" / "architecture.md"


@dataclass(frozen=True)
class Item:
    key: str
    order: int
    value: str = ""


def test_items_come_in_order_then_key_and_a_key_registered_again_replaces_it() -> None:
    registry: Registry[Item] = Registry("test")
    registry.register(Item("b", 20))
    registry.register(Item("c", 10))
    registry.register(Item("a", 20))
    assert [item.key for item in registry.all()] == ["c", "a", "b"]
    registry.register(Item("c", 30, "new"))
    assert [item.key for item in registry.all()] == ["a", "b", "c"]
    assert registry.get("c") == Item("c", 30, "new")
    assert "a" in registry and "z" not in registry and len(registry) == 3
    assert registry.unregister("a") == Item("a", 20)
    assert registry.get("a") is None and [item.key for item in registry.all()] == ["b", "c"]


def test_registered_and_only_put_the_registry_back_as_it_was() -> None:
    registry: Registry[Item] = Registry("test")
    registry.register(Item("a", 1, "old"))
    with registry.registered(Item("a", 1, "new"), Item("b", 2)):
        assert [(item.key, item.value) for item in registry.all()] == [("a", "new"), ("b", "")]
    assert registry.all() == [Item("a", 1, "old")]
    with registry.only():
        assert registry.all() == []
    with pytest.raises(RuntimeError), registry.only(Item("z", 1)):
        assert registry.all() == [Item("z", 1)]
        raise RuntimeError
    assert registry.all() == [Item("a", 1, "old")]


def test_the_apps_fill_the_registries_from_their_ready() -> None:
    # The order each reader shows: start-page widgets as before the registries moved to core
    # (the countdown first, the race before the news), the demo's steps with people first.
    assert [widget.key for widget in WIDGETS.all()][:5] == [
        "launch",
        "welcome",
        "first_steps",
        "department_race",
        "news",
    ]
    steps = [step.key for step in DEMO_STEPS.all()]
    assert steps[0] == "people_step" and steps[-1] == "search_step" and len(steps) == 20
    assert {"branding", "default_spaces", "news", "ambassadors"} <= {c.key for c in CHECKS.all()}
    assert [step.key for step in STEPS.all()][-2:] == ["start_page", "install_app"]
    assert len(SCHEDULE) == 16


def _registry_modules() -> list[str]:
    return [module.name for module in pkgutil.iter_modules(registries.__path__)]


def test_every_registry_is_documented_in_the_architecture() -> None:
    text = ARCHITECTURE.read_text()
    for name in _registry_modules():
        module = importlib.import_module(f"plein.core.registries.{name}")
        for attribute, value in vars(module).items():
            if isinstance(value, Registry):
                assert f"`{name}.{attribute}`" in text, f"{name}.{attribute} is not documented"
