"""Project-wide pytest set-up: pytester for plugin tests, hypothesis profiles."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["pytester"]

settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("ci" if os.environ.get("CI") else "default")
# A longer local run (tests/test_model_based.py reads it too): HYPOTHESIS_PROFILE=deep pytest
settings.register_profile(
    "deep", deadline=None, max_examples=2000, suppress_health_check=[HealthCheck.too_slow]
)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """pytester with the ini pytest-asyncio asks for (a test's own ``makeini`` replaces it).

    Inner runs keep their written order (pytest-randomly is installed for the outer run);
    a test that wants shuffling passes ``-p randomly``, which comes later and wins.
    """
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:randomly")  # pytester cleared it: set after
    return pytester
