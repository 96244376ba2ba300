"""The pytest plugin: the ``fake_ecs`` fixture. Everything heavy is imported on first use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs


@pytest.fixture
def fake_ecs() -> Iterator[FakeEcs]:
    """A fresh in-process fake of the ECS ENI API, active for the whole test.

    Every request the Alibaba Cloud SDKs send to an ECS endpoint is answered by the
    fake; other hosts are untouched. It starts with a default VPC, vSwitch (a /24)
    and security group: ``fake_ecs.default_vswitch.vswitch_id`` and friends.
    """
    from pytest_fake_eni.testing.fake import FakeEcs

    fake = FakeEcs()
    with fake:
        yield fake


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> Any:
    """An ``ErrorSpec`` parameter's test id is its code."""
    if type(val).__name__ == "ErrorSpec" and type(val).__module__ == "pytest_fake_eni.errors":
        return val.code  # type: ignore[attr-defined]
    return None
