"""The pytest plugin: the ``fake_ecs`` fixture. Everything heavy is imported on first use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs
    from pytest_fake_eni.testing.server import FakeEcsServer


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


@pytest.fixture
def fake_ecs_server(fake_ecs: FakeEcs) -> Iterator[FakeEcsServer]:
    """The test's ``fake_ecs`` served over HTTP on a free loopback port, for any client.

    ``fake_ecs_server.endpoint`` is ``127.0.0.1:PORT`` (for SDK endpoint overrides),
    ``.url`` is ``http://127.0.0.1:PORT``; ``/_fake/`` is the admin API. Seeding, faults,
    ``calls`` and the assertions of ``fake_ecs`` apply to what the server answers.
    """
    from pytest_fake_eni.testing.server import FakeEcsServer

    server = FakeEcsServer(fake_ecs)
    with server:
        yield server


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> Any:
    """An ``ErrorSpec`` parameter's test id is its code."""
    if type(val).__name__ == "ErrorSpec" and type(val).__module__ == "pytest_fake_eni.errors":
        return val.code  # type: ignore[attr-defined]
    return None
