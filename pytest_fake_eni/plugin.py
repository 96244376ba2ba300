"""The pytest plugin: the ``fake_ecs`` fixture. Everything heavy is imported on first use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fake-ecs", "pytest-fake-eni")
    group.addoption(
        "--fake-ecs-coverage",
        action="store_true",
        default=None,
        help="report which documented error codes of the called ECS actions were never exercised",
    )
    group.addoption(
        "--fake-ecs-coverage-report",
        metavar="PATH",
        default=None,
        help="also write the error-path coverage report to PATH (JSON; Markdown if PATH ends .md)",
    )
    group.addoption(
        "--fake-ecs-coverage-fail-under",
        metavar="N",
        type=float,
        default=None,
        help="fail the session when under N percent of the documented codes were exercised",
    )
    parser.addini(
        "fake_ecs_coverage", "turn on error-path coverage (as --fake-ecs-coverage)", type="bool"
    )
    parser.addini(
        "fake_ecs_coverage_exclude",
        "error codes left out of error-path coverage, as [Action:]Code globs, one per line",
        type="linelist",
    )


def pytest_configure(config: pytest.Config) -> None:
    wanted = config.getoption("fake_ecs_coverage") or config.getini("fake_ecs_coverage")
    if wanted or config.getoption("fake_ecs_coverage_fail_under") is not None:
        from pytest_fake_eni.error_coverage import CoveragePlugin

        config.pluginmanager.register(CoveragePlugin(config), _COVERAGE)


_COVERAGE = "fake_ecs_coverage"


@pytest.fixture
def fake_ecs(request: pytest.FixtureRequest) -> Iterator[FakeEcs]:
    """A fresh in-process fake of the ECS ENI API, active for the whole test.

    Every request the Alibaba Cloud SDKs send to an ECS endpoint is answered by the
    fake; other hosts are untouched. It starts with a default VPC, vSwitch (a /24)
    and security group: ``fake_ecs.default_vswitch.vswitch_id`` and friends.
    """
    from pytest_fake_eni.testing.fake import FakeEcs

    fake = FakeEcs()
    with fake:
        yield fake
    coverage = request.config.pluginmanager.get_plugin(_COVERAGE)
    if coverage is not None:
        coverage.record(fake.calls)


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> Any:
    """An ``ErrorSpec`` parameter's test id is its code."""
    if type(val).__name__ == "ErrorSpec" and type(val).__module__ == "pytest_fake_eni.errors":
        return val.code  # type: ignore[attr-defined]
    return None
