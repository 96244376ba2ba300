"""The api layer: one module per action, each validating to documented codes.

An action module defines ``ACTION`` (its wire name), ``PRODUCT`` (``"Ecs"`` or ``"Vpc"``)
and ``handle(cloud, params) -> dict``; dropping such a module into this package is all it
takes to serve the action (``PRODUCTS`` finds it). Handlers take no lock and settle
nothing: the pipeline holds the cloud's lock and has settled transitions before it calls.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pytest_fake_eni.cloud.state import Cloud

Operation = Callable[[Cloud, dict[str, str]], dict[str, Any]]

VERSIONS = {"Ecs": "2014-05-26", "Vpc": "2016-04-28"}
"""Each product's API version."""


@dataclass(frozen=True)
class Product:
    """An API product: its version and the actions the fake implements."""

    name: str
    version: str
    operations: dict[str, Operation] = field(default_factory=dict)


def _discover() -> dict[str, Product]:
    products = {name: Product(name, version) for name, version in VERSIONS.items()}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        action = getattr(module, "ACTION", None)
        if action is None:
            continue  # a shared module (common parts, rendering, paging)
        operations = products[module.PRODUCT].operations
        if action in operations:
            raise RuntimeError(f"{action} is served by two modules of {module.PRODUCT}")
        operations[action] = module.handle
    return products


PRODUCTS: dict[str, Product] = _discover()
"""Every product the fake serves, by name."""

ECS = PRODUCTS["Ecs"]
VPC = PRODUCTS["Vpc"]
