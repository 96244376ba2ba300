"""--fake-ecs-coverage: which documented failures a suite never exercised, through pytester."""

from __future__ import annotations

import json

import pytest

from pytest_fake_eni import error_codes
from pytest_fake_eni.error_coverage import CoverageLedger, build_report
from pytest_fake_eni.testing.calls import Call

SUITE = """
import pytest
from alibabacloud_ecs20140526 import models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config


def create(fake, **changes):
    client = Client(Config(access_key_id="a", access_key_secret="b", region_id="cn-hangzhou"))
    params = {"region_id": "cn-hangzhou", "v_switch_id": fake.default_vswitch.vswitch_id,
              "security_group_id": fake.default_security_group.security_group_id, **changes}
    return client.create_network_interface(models.CreateNetworkInterfaceRequest(**params))


def test_ok(fake_ecs):
    create(fake_ecs)


@pytest.mark.parametrize("changes, code", [
    ({"v_switch_id": "vsw-nope"}, "InvalidVSwitchId.NotFound"),
    ({"security_group_id": "sg-nope"}, "InvalidSecurityGroupId.NotFound"),
    ({"security_group_id": "sg-nope"}, "InvalidSecurityGroupId.NotFound"),
])
def test_errors(fake_ecs, changes, code):
    with pytest.raises(ClientException) as failure:
        create(fake_ecs, **changes)
    assert failure.value.code == code


@pytest.mark.fake_ecs_error("CreateNetworkInterface", "InternalError")
def test_injected(fake_ecs):
    with pytest.raises(Exception):
        create(fake_ecs)


def test_injected_throttling(fake_ecs):
    fake_ecs.inject_error("CreateNetworkInterface", "Throttling")
    with pytest.raises(ClientException):
        create(fake_ecs)


def test_without_the_fake():
    pass
"""

CREATE = "CreateNetworkInterface"
EXERCISED = ["InvalidVSwitchId.NotFound", "InvalidSecurityGroupId.NotFound", "InternalError"]


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(test_app=SUITE)
    return pytester


def _report(pytester: pytest.Pytester, *args: str) -> dict[str, object]:
    result = pytester.runpytest_subprocess(
        "--fake-ecs-coverage", "--fake-ecs-coverage-report=cov.json", *args
    )
    result.assert_outcomes(passed=7)
    data: dict[str, object] = json.loads((pytester.path / "cov.json").read_text())
    return data


def test_terminal_and_markdown_reports(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("--fake-ecs-coverage", "--fake-ecs-coverage-report=cov.md")
    result.assert_outcomes(passed=7)
    result.stdout.fnmatch_lines(
        [
            "*fake-ecs error-path coverage*",
            "CreateNetworkInterface: 6 call(s), 3 of 83 documented codes exercised (3.6%)",
            "  exercised: InvalidVSwitchId.NotFound, InvalidSecurityGroupId.NotFound, "
            "InternalError (injected)",
            "  also returned (not in the action's table): Throttling",
            "  never exercised, client errors (*",
            "    MissingParameter * create_eni(VSwitchId=None)",
            "  never exercised, quota/capacity (*",
            "    InvalidVSwitchId.IpNotEnough * *",
            "  never exercised, permission (*",
            "  never exercised, server/throttling (*",
            "    InvalidOperation.RegionNotSupportIpPrefix *",
            "total: 3.6% of the documented codes of the called actions",
        ]
    )
    text = (suite.path / "cov.md").read_text()
    assert "## CreateNetworkInterface" in text
    assert "| `InvalidVSwitchId.NotFound` | 404 | client | yes |  |" in text
    assert "| `MissingParameter` | 400 | client | no |" in text


def test_json_report_matches_and_xdist_workers_are_merged(suite: pytest.Pytester) -> None:
    data = _report(suite)
    assert _report(suite, "-n", "2") == data
    action = data["actions"][CREATE]  # type: ignore[index]
    assert action["calls"] == 6
    assert action["exercised"] == EXERCISED
    assert action["injected"] == ["InternalError"]
    assert action["other_codes"] == ["Throttling"]
    missing = [m["code"] for kind in action["missing"].values() for m in kind]
    documented = [s.code for s in error_codes(CREATE)]
    assert sorted(missing) == sorted(set(documented) - set(EXERCISED))
    assert all(m["recipe"] for kind in action["missing"].values() for m in kind)
    assert data["percent"] == round(100 * 3 / 83, 2)


@pytest.mark.parametrize(("threshold", "fails"), [(3.61, False), (3.62, True)])
def test_fail_under(suite: pytest.Pytester, threshold: float, fails: bool) -> None:
    result = suite.runpytest_subprocess(f"--fake-ecs-coverage-fail-under={threshold}")
    result.assert_outcomes(passed=7)
    assert result.ret == (1 if fails else 0)
    if fails:
        result.stdout.fnmatch_lines(["FAIL: fake-ecs error-path coverage 3.6% is under *"])


def test_fail_under_with_xdist(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("-n", "2", "--fake-ecs-coverage-fail-under=4")
    result.assert_outcomes(passed=7)
    assert result.ret == 1


def test_exclusions_from_ini(suite: pytest.Pytester) -> None:
    suite.makeini(
        """
        [pytest]
        fake_ecs_coverage = true
        fake_ecs_coverage_exclude =
            *Ipv6*
            CreateNetworkInterface:InvalidIp.*
            DescribeNetworkInterfaces:*
        """
    )
    result = suite.runpytest_subprocess("--fake-ecs-coverage-report=cov.json")
    result.stdout.fnmatch_lines(["  excluded (*): *InvalidOperation.Ipv6CountExceeded*"])
    data = json.loads((suite.path / "cov.json").read_text())
    excluded = data["actions"][CREATE]["excluded"]
    assert "InvalidIp.IpPrefixIllegal" in excluded and "InvalidIp.Address" in excluded
    assert "InvalidOperation.VSwitchIpv6Disabled" in excluded
    assert "InvalidVSwitchId.IpNotEnough" not in excluded
    assert data["exclude"] == [
        "*Ipv6*",
        "CreateNetworkInterface:InvalidIp.*",
        "DescribeNetworkInterfaces:*",
    ]
    counted = 83 - len(excluded)
    assert data["actions"][CREATE]["percent"] == round(100 * 3 / counted, 2)


def test_off_by_default(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess()
    assert "error-path coverage" not in result.stdout.str()


def test_ledger_counts_injected_and_other_codes() -> None:
    ledger = CoverageLedger()
    ledger.record(
        [
            Call(CREATE, {}, 500, "InternalError", "r1", injected=True),
            Call(CREATE, {}, 400, "Throttling", "r2", injected=True),
            Call(CREATE, {}, 200, None, "r3"),
        ]
    )
    other = CoverageLedger()
    other.merge(ledger.to_data())
    report = build_report(other)
    (action,) = report.actions
    assert action.calls == 3
    assert action.exercised == ["InternalError"] and action.injected == ["InternalError"]
    assert action.other == ["Throttling"]
