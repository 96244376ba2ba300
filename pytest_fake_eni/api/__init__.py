"""The api layer: one module per action, each validating to documented codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pytest_fake_eni.api import create_network_interface
from pytest_fake_eni.cloud.state import Cloud

Operation = Callable[[Cloud, dict[str, str]], dict[str, Any]]


@dataclass(frozen=True)
class Product:
    """An API product: its version and the actions the fake implements."""

    name: str
    version: str
    operations: dict[str, Operation]


ECS = Product(
    "Ecs",
    "2014-05-26",
    {create_network_interface.ACTION: create_network_interface.handle},
)
