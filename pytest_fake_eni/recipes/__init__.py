"""How a test gets each documented error code: fake state plus a request, or an injection.

One ``Recipe`` per code of an action, as data. Each family of actions keeps its recipes in
a module of this package defining ``RECIPES: dict[action, tuple[Recipe, ...]]`` (one per
code of the action, in the catalogue's order). The error-code page, the coverage report's
hints and the tests proving every code reachable through every SDK are built from them.
"""

from __future__ import annotations

import importlib
import pkgutil

from pytest_fake_eni.recipes.recipe import Recipe, inject

__all__ = ["RECIPES", "Recipe", "inject", "recipes"]


def _collect() -> dict[str, dict[str, Recipe]]:
    found: dict[str, dict[str, Recipe]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: (m.name != "create", m.name)):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for action, rows in getattr(module, "RECIPES", {}).items():
            if action in found:
                raise RuntimeError(f"{action}'s recipes are listed by two modules")
            found[action] = {r.code: r for r in rows}
    return found


RECIPES: dict[str, dict[str, Recipe]] = _collect()
"""Action -> code -> recipe."""


def recipes(action: str) -> list[Recipe]:
    """The recipes of ``action``, in the catalogue's order of its codes."""
    return list(RECIPES.get(action, {}).values())
