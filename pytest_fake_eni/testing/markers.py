"""Building the ``fake_ecs`` fixture's fake from markers, ini and command-line options."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import zlib
from typing import Any

import pytest

from pytest_fake_eni.cloud.quotas import Quotas
from pytest_fake_eni.testing import assertions
from pytest_fake_eni.testing.fake import FakeEcs

SEED_OPTION = "fake_ecs_seed"
REGION_OPTION = "fake_ecs_region"
_QUOTAS = tuple(f.name for f in dataclasses.fields(Quotas))


def default_seed(nodeid: str) -> int:
    """A seed stable across runs, orders and xdist workers: a hash of the test's node id."""
    return zlib.crc32(nodeid.encode())


def _option(config: pytest.Config, name: str) -> Any:
    value = config.getoption(name, default=None)
    if value is None:
        value = config.getini(name) or None
    return value


def fake_options(item: pytest.Item) -> dict[str, Any]:
    """The fake's keyword arguments: markers closest first, then options, then defaults."""
    options: dict[str, Any] = {}
    for marker in item.iter_markers("fake_ecs"):  # closest (function) first
        if marker.args:
            raise TypeError(
                f"@pytest.mark.fake_ecs takes keyword arguments only, not {marker.args!r}"
            )
        for name, value in marker.kwargs.items():
            options.setdefault(name, value)
    seed = _option(item.config, SEED_OPTION)
    options.setdefault("seed", default_seed(item.nodeid) if seed is None else seed)
    region = _option(item.config, REGION_OPTION)
    if region is not None:
        options.setdefault("region_id", region)
    return options


@functools.cache
def _constructor_options() -> frozenset[str]:
    return frozenset(inspect.signature(FakeEcs).parameters)  # once: every test builds a fake


def build_fake(options: dict[str, Any]) -> FakeEcs:
    """A ``FakeEcs`` from constructor keyword arguments and ``Quotas`` field names."""
    accepted = _constructor_options()
    unknown = sorted(set(options) - accepted - set(_QUOTAS))
    if unknown:
        raise TypeError(
            f"@pytest.mark.fake_ecs got unknown option(s) {unknown}; "
            f"it accepts {sorted(accepted | set(_QUOTAS))}"
        )
    fake = FakeEcs(**{k: v for k, v in options.items() if k in accepted})
    for name in _QUOTAS:
        if name in options:
            setattr(fake.quotas, name, options[name])
    return fake


def apply_error_markers(fake: FakeEcs, item: pytest.Item) -> None:
    """Inject each ``fake_ecs_error`` marker, in the order they are written (top first)."""
    markers = list(item.iter_markers("fake_ecs_error"))
    for marker in reversed(markers):  # iter_markers yields the bottom decorator first
        try:
            fake.inject_error(*marker.args, **marker.kwargs)
        except (TypeError, ValueError) as error:
            raise pytest.UsageError(
                f"{item.nodeid}: @pytest.mark.fake_ecs_error: {error}"
            ) from None


def report_section(fake: FakeEcs) -> str:
    """What the fake saw and holds, for a failed test's report."""
    lines = [f"{len(fake.calls)} call(s) (seed {fake.seed!r}):"]
    lines += [f"  {assertions.call_line(c)}" for c in fake.calls]
    enis = fake.enis
    lines.append(f"{len(enis)} ENI(s) held:")
    lines += [f"  {assertions.eni_line(e)}" for e in enis]
    if fake.faults.rules:
        lines.append("fault rules:")
        lines += [f"  {rule.describe()}" for rule in fake.faults.rules]
    return "\n".join(lines)
