"""The pytest plugin: the ``fake_ecs`` fixture. Everything heavy is imported on first use."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs
    from pytest_fake_eni.testing.server import FakeEcsServer

pytest.register_assert_rewrite("pytest_fake_eni.testing.assertions")

_FAILED = pytest.StashKey[bool]()
_COVERAGE = "fake_ecs_coverage"


@pytest.fixture
def fake_ecs(request: pytest.FixtureRequest) -> Iterator[FakeEcs]:
    """A fresh in-process fake of the ECS ENI API, active for the whole test.

    Every request the Alibaba Cloud SDKs send to an ECS endpoint is answered by the
    fake; other hosts are untouched. It starts with a default VPC, vSwitch (a /24)
    and security group: ``fake_ecs.default_vswitch.vswitch_id`` and friends.

    Configure it with ``@pytest.mark.fake_ecs(region_id=..., seed=...,
    max_enis_per_region=..., strict=...)``; inject faults before the test with
    ``@pytest.mark.fake_ecs_error(action, code, times=1, ...)`` or during it with
    ``fake_ecs.inject_error`` / ``inject_latency`` / ``inject_transport_error`` /
    ``rate_limit``. Ids derive from a seed (by default a hash of the test's node id).
    With ``strict=True``, teardown asserts every fault was used and no ENI leaked.
    """
    __tracebackhide__ = True
    import pytest_fake_eni.testing.markers as markers  # no from-import: this runs every test

    try:
        fake = markers.fake_for(request.node)
    except TypeError as error:
        pytest.fail(str(error), pytrace=False)
    fake.start()
    yield fake
    fake.stop()
    coverage = request.config.pluginmanager.get_plugin(_COVERAGE)
    if coverage is not None:
        coverage.record(fake.calls)
    if fake.strict and not request.node.stash.get(_FAILED, False):
        fake.verify()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Defaults for every ``fake_ecs``: ``--fake-ecs-seed`` / ``--fake-ecs-region`` and ini."""
    group = parser.getgroup("fake_ecs", "pytest-fake-eni")
    group.addoption(
        "--fake-ecs-seed",
        dest="fake_ecs_seed",
        default=None,
        help="seed of every fake_ecs (default: a hash of each test's node id)",
    )
    group.addoption(
        "--fake-ecs-region",
        dest="fake_ecs_region",
        default=None,
        help="region of every fake_ecs (default: cn-hangzhou)",
    )
    parser.addini("fake_ecs_seed", "seed of every fake_ecs (default: per-test hash)")
    parser.addini("fake_ecs_region", "region of every fake_ecs (default: cn-hangzhou)")
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
        help="also write the error-path coverage report to PATH (JSON; Markdown if PATH ends "
        ".md; a self-contained HTML page if it ends .html)",
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
    """Register the markers (for ``--strict-markers``) and, when asked, error-path coverage."""
    wanted = config.getoption("fake_ecs_coverage") or config.getini("fake_ecs_coverage")
    if wanted or config.getoption("fake_ecs_coverage_fail_under") is not None:
        from pytest_fake_eni.error_coverage import CoveragePlugin

        config.pluginmanager.register(CoveragePlugin(config), _COVERAGE)
    config.addinivalue_line(
        "markers",
        "fake_ecs(*, region_id='cn-hangzhou', seed=None, strict=False, account_id=..., "
        "max_enis_per_region=100, max_security_groups_per_eni=5, max_private_ips_per_eni=50, "
        "verify_signatures=None, **FakeEcs keyword arguments): configure the fake_ecs fixture.",
    )
    config.addinivalue_line(
        "markers",
        "fake_ecs_error(action, code, *, times=1, probability=None, when=None, message=None, "
        "status=None, after_effect=False): inject an error into fake_ecs before the test "
        "(stackable; see FakeEcs.inject_error).",
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """A failed test using ``fake_ecs`` gets a report section: its calls and ENIs."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.failed:
        item.stash[_FAILED] = True
    fake = getattr(item, "funcargs", {}).get("fake_ecs")
    if report.failed and fake is not None and report.when in ("call", "teardown"):
        from pytest_fake_eni.testing.markers import report_section

        report.sections.append(("fake_ecs", report_section(fake)))


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``ErrorSpec`` values get their code as test id, as one argument or unpacked."""
    parametrize = metafunc.parametrize

    def with_code_ids(argnames: Any, argvalues: Any, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("ids") is None and not args and isinstance(argvalues, (list, tuple)):
            argvalues = [_with_code_id(argnames, value) for value in argvalues]
        parametrize(argnames, argvalues, *args, **kwargs)

    metafunc.parametrize = with_code_ids  # type: ignore[method-assign]


def _with_code_id(argnames: Any, value: Any) -> Any:
    if not _is_error_spec(value):
        return value
    names = [n.strip() for n in argnames.split(",")] if isinstance(argnames, str) else argnames
    values = (value,) if len(names) == 1 else tuple(value)
    return pytest.param(*values, id=value.code)


def _is_error_spec(value: object) -> bool:
    return (
        type(value).__name__ == "ErrorSpec" and type(value).__module__ == "pytest_fake_eni.errors"
    )


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
    if _is_error_spec(val):
        return val.code  # type: ignore[attr-defined]
    return None
