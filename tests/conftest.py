from __future__ import annotations

from typing import Any

import pytest

from tests.drivers import DRIVERS, SIGNED_DRIVERS
from tests.test_egress import egress  # noqa: F401  (the egress guard, for every test file)


@pytest.fixture(params=sorted(DRIVERS))
def sdk(request: pytest.FixtureRequest) -> Any:
    """The same scenario through every real SDK and signature dialect."""
    return DRIVERS[request.param]()


@pytest.fixture
def tea() -> Any:
    return DRIVERS["tea-acs3"]()


@pytest.fixture
def legacy() -> Any:
    return DRIVERS["legacy"]()


@pytest.fixture(params=sorted(SIGNED_DRIVERS))
def dialect(request: pytest.FixtureRequest) -> str:
    """The name of each SDK in ``SIGNED_DRIVERS`` (for tests that choose credentials)."""
    return str(request.param)
