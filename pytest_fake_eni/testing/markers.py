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


@dataclasses.dataclass(frozen=True)
class _Defaults:
    """The run's ``--fake-ecs-seed`` / ``--fake-ecs-region`` (or ini), None when unset."""

    seed: Any
    region: Any


_DEFAULTS = pytest.StashKey[_Defaults]()


def _defaults(config: pytest.Config) -> _Defaults:
    """Read once a run: options and ini do not change while it runs."""
    defaults = config.stash.get(_DEFAULTS, None)
    if defaults is None:
        defaults = _Defaults(_option(config, SEED_OPTION), _option(config, REGION_OPTION))
        config.stash[_DEFAULTS] = defaults
    return defaults


def _marks(item: pytest.Item) -> tuple[list[pytest.Mark], list[pytest.Mark]]:
    """The ``fake_ecs`` and ``fake_ecs_error`` markers of ``item``, closest first (one walk)."""
    options: list[pytest.Mark] = []
    errors: list[pytest.Mark] = []
    for mark in item.iter_markers():
        if mark.name == "fake_ecs":
            options.append(mark)
        elif mark.name == "fake_ecs_error":
            errors.append(mark)
    return options, errors


def fake_for(item: pytest.Item) -> FakeEcs:
    """The ``fake_ecs`` fixture's fake for ``item``: ``fake_options``, ``build_fake`` and
    ``apply_error_markers`` with the markers read once."""
    options, errors = _marks(item)
    fake = build_fake(fake_options(item, options))
    apply_error_markers(fake, item, errors)
    return fake


def fake_options(item: pytest.Item, marks: list[pytest.Mark] | None = None) -> dict[str, Any]:
    """The fake's keyword arguments: markers closest first, then options, then defaults."""
    options: dict[str, Any] = {}
    if marks is None:
        marks = list(item.iter_markers("fake_ecs"))
    for marker in marks:  # closest (function) first
        if marker.args:
            raise TypeError(
                f"@pytest.mark.fake_ecs takes keyword arguments only, not {marker.args!r}"
            )
        for name, value in marker.kwargs.items():
            options.setdefault(name, value)
    defaults = _defaults(item.config)
    if "seed" not in options:
        options["seed"] = default_seed(item.nodeid) if defaults.seed is None else defaults.seed
    if defaults.region is not None:
        options.setdefault("region_id", defaults.region)
    return options


@functools.cache
def _accepted() -> tuple[frozenset[str], frozenset[str]]:
    """The constructor's keyword arguments, and those with the ``Quotas`` fields."""
    constructor = frozenset(inspect.signature(FakeEcs).parameters)  # once: every test builds one
    return constructor, constructor | frozenset(_QUOTAS)


def build_fake(options: dict[str, Any]) -> FakeEcs:
    """A ``FakeEcs`` from constructor keyword arguments and ``Quotas`` field names."""
    constructor, accepted = _accepted()
    unknown = options.keys() - accepted
    if unknown:
        raise TypeError(
            f"@pytest.mark.fake_ecs got unknown option(s) {sorted(unknown)}; "
            f"it accepts {sorted(accepted)}"
        )
    if options.keys() <= constructor:  # no quota set: most tests
        return FakeEcs(**options)
    fake = FakeEcs(**{k: v for k, v in options.items() if k in constructor})
    for name in _QUOTAS:
        if name in options:
            setattr(fake.quotas, name, options[name])
    return fake


def apply_error_markers(
    fake: FakeEcs, item: pytest.Item, marks: list[pytest.Mark] | None = None
) -> None:
    """Inject each ``fake_ecs_error`` marker, in the order they are written (top first)."""
    if marks is None:
        marks = list(item.iter_markers("fake_ecs_error"))
    for marker in reversed(marks):  # iter_markers yields the bottom decorator first
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
