"""Markers, options, strict teardown, failure reports and ids, in fresh pytest runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CLIENT = """
import json, os
import pytest
from alibabacloud_ecs20140526 import models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException, ServerException
from alibabacloud_tea_openapi.models import Config


def create(fake, region="cn-hangzhou", **extra):
    client = Client(Config(access_key_id="a", access_key_secret="b", region_id=region))
    return client.create_network_interface(models.CreateNetworkInterfaceRequest(
        region_id=region, v_switch_id=fake.default_vswitch.vswitch_id,
        security_group_id=fake.default_security_group.security_group_id, **extra)).body
"""


def test_markers_are_registered_with_their_signatures(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.fake_ecs(*, region_id='cn-hangzhou', seed=None, strict=False,*",
            "@pytest.mark.fake_ecs_error(action, code, *, times=1, probability=None, when=None,*",
        ]
    )


def test_fake_ecs_marker_configures_the_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENT
        + """
pytestmark = pytest.mark.fake_ecs(region_id="cn-beijing", max_enis_per_region=1)

@pytest.mark.fake_ecs(seed=7)
def test_configured(fake_ecs):
    assert fake_ecs.region_id == "cn-beijing" and fake_ecs.seed == 7
    body = create(fake_ecs, region="cn-beijing")
    assert body.network_interface_id.startswith("eni-2ze")
    with pytest.raises(ClientException) as failure:
        create(fake_ecs, region="cn-beijing")
    assert failure.value.code == "MaxEniCountExceeded"

@pytest.mark.fake_ecs(region_id="cn-shanghai")
def test_closest_marker_wins(fake_ecs):
    assert fake_ecs.region_id == "cn-shanghai"
    assert fake_ecs.quotas.max_enis_per_region == 1
"""
    )
    result = pytester.runpytest("--strict-markers")
    result.assert_outcomes(passed=2)


def test_unknown_marker_options_are_a_clear_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest

@pytest.mark.fake_ecs(regoin_id="cn-beijing")
def test_typo(fake_ecs):
    pass
"""
    )
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(["*unknown option(s)*regoin_id*it accepts*region_id*"])
    assert result.ret != 0


def test_error_markers_inject_before_the_test_and_stack(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENT
        + """
@pytest.mark.fake_ecs_error("CreateNetworkInterface", "Throttling")
@pytest.mark.fake_ecs_error("CreateNetworkInterface", "InternalError", times=1)
def test_stacked(fake_ecs):
    codes = []
    for _ in range(3):
        try:
            create(fake_ecs)
            codes.append("OK")
        except (ClientException, ServerException) as error:
            codes.append(error.code)
    assert codes == ["Throttling", "InternalError", "OK"]  # in the order written
    assert [c.injected for c in fake_ecs.calls] == [True, True, False]


@pytest.mark.parametrize("code, status", [
    pytest.param("InternalError", 500,
                 marks=pytest.mark.fake_ecs_error("CreateNetworkInterface", "InternalError")),
    pytest.param("ServiceUnavailable", 503,
                 marks=pytest.mark.fake_ecs_error("CreateNetworkInterface", "ServiceUnavailable")),
    pytest.param("InvalidVSwitchId.IpNotEnough", 403,
                 marks=pytest.mark.fake_ecs_error("CreateNetworkInterface",
                                                  "InvalidVSwitchId.IpNotEnough")),
])
def test_parametrised_faults(fake_ecs, code, status):
    with pytest.raises((ClientException, ServerException)) as failure:
        create(fake_ecs)
    assert (failure.value.code, failure.value.status_code) == (code, status)
    fake_ecs.assert_all_faults_used()
    fake_ecs.assert_no_eni_created()


@pytest.mark.fake_ecs_error("CreateNetworkInterface", "NoSuchCode")
def test_bad_marker(fake_ecs):
    pass
"""
    )
    result = pytester.runpytest("--strict-markers", "-rE")
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(["*test_bad_marker*NoSuchCode*not a documented ECS error code*"])


def test_strict_mode_checks_faults_and_leaks_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENT
        + """
@pytest.mark.fake_ecs(strict=True)
@pytest.mark.fake_ecs_error("CreateNetworkInterface", "InternalError", times=2)
def test_unused_fault(fake_ecs):
    with pytest.raises(ServerException):
        create(fake_ecs)

@pytest.mark.fake_ecs(strict=True)
def test_leak(fake_ecs):
    create(fake_ecs, network_interface_name="forgotten")

@pytest.mark.fake_ecs(strict=True)
def test_clean(fake_ecs):
    fake_ecs.inject_error("CreateNetworkInterface", "InternalError")
    with pytest.raises(ServerException):
        create(fake_ecs)

@pytest.mark.fake_ecs(strict=True)
def test_failing_test_gets_no_second_error(fake_ecs):
    create(fake_ecs)
    assert False, "the test's own failure"

def test_not_strict_by_default(fake_ecs):
    create(fake_ecs)
    fake_ecs.inject_error("CreateNetworkInterface", "InternalError")
"""
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=4, failed=1, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_unused_fault*",
            "*CreateNetworkInterface: error InternalError (times=2, hits=1)*",
            "*ERROR at teardown of test_leak*",
            "*1 ENI(s) created during the test still exist:",
            "*name='forgotten'*",
        ]
    )
    assert "ERROR at teardown of test_failing_test_gets_no_second_error" not in result.stdout.str()


def test_a_failed_test_reports_the_fakes_calls_and_enis(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENT
        + """
def test_fails(fake_ecs):
    create(fake_ecs, network_interface_name="web-1")
    fake_ecs.inject_error("CreateNetworkInterface", "InternalError")
    with pytest.raises(ServerException):
        create(fake_ecs, network_interface_name="web-2")
    assert len(fake_ecs.enis) == 2

def test_passes(fake_ecs):
    create(fake_ecs, network_interface_name="quiet")
"""
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*- fake_ecs -*",
            "2 call(s) (seed *):",
            "  CreateNetworkInterface {*'NetworkInterfaceName': 'web-1'*} -> 200 OK",
            "  CreateNetworkInterface {*'NetworkInterfaceName': 'web-2'*} -> 500 InternalError "
            "(injected)",
            "1 ENI(s) held:",
            "  network_interface_id='eni-bp1*', *name='web-1'*",
        ]
    )
    assert "quiet" not in result.stdout.str()


def test_error_codes_carry_their_code_as_id(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest
from pytest_fake_eni import error_codes

@pytest.mark.parametrize("spec", error_codes("CreateNetworkInterface", status=404))
def test_single(spec):
    assert spec.status == 404 and spec.code == request_code(spec)

def request_code(spec):
    return spec[0]

@pytest.mark.parametrize("code, status, message, description, kind",
                         error_codes("CreateNetworkInterface", status=500))
def test_unpacked(code, status, message, description, kind):
    assert status == 500 and isinstance(message, str) and kind in ("server", "client")

@pytest.mark.parametrize("spec", error_codes("CreateNetworkInterface", status=500),
                         ids=lambda spec: spec.code.upper())
def test_own_ids(spec):
    pass

def pytest_generate_tests(metafunc):
    if "hook_spec" in metafunc.fixturenames:
        metafunc.parametrize("hook_spec", error_codes("CreateNetworkInterface", status=500))

def test_from_hook(hook_spec):
    assert hook_spec.status == 500
"""
    )
    result = pytester.runpytest("-v")
    out = result.stdout.str()
    for line in (
        "::test_single[InvalidVSwitchId.NotFound] PASSED",
        "::test_unpacked[InternalError] PASSED",
        "::test_unpacked[InvalidOperation.RegionNotSupportIpPrefix] PASSED",
        "::test_own_ids[INTERNALERROR] PASSED",
        "::test_from_hook[InternalError] PASSED",
    ):
        assert line in out
    assert result.ret == 0


DETERMINISM = (
    CLIENT
    + """
OUT = os.environ["IDS_OUT"]

@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_record(fake_ecs, request, n):
    fake_ecs.inject_error("CreateNetworkInterface", "InternalError", times=None, probability=0.5)
    seen = []
    for _ in range(6):
        try:
            body = create(fake_ecs, secondary_private_ip_address_count=n)
            eni = fake_ecs.enis[-1]
            seen.append([body.network_interface_id, body.mac_address, body.request_id,
                         body.private_ip_address, eni.private_ip_addresses])
        except ServerException as error:
            seen.append(["failed", error.request_id])
    with open(os.path.join(OUT, request.node.name), "w") as f:
        json.dump(seen, f)
"""
)


def _recorded(pytester: pytest.Pytester, out: Path, *args: str) -> dict[str, object]:
    out.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IDS_OUT", str(out))
        run = pytester.runpytest_subprocess if "-n" in args else pytester.runpytest
        result = run("-p", "no:randomly", *args)
    result.assert_outcomes(passed=4)
    return {p.name: json.loads(p.read_text()) for p in out.iterdir()}


def test_ids_are_the_same_in_any_order_and_under_xdist(pytester: pytest.Pytester) -> None:
    path = pytester.makepyfile(test_det=DETERMINISM)
    base = pytester.path
    ids = [f"{path.name}::test_record[{n}]" for n in (4, 3, 2, 1)]
    normal = _recorded(pytester, base / "normal")
    reversed_ = _recorded(pytester, base / "reversed", *ids)
    parallel = _recorded(pytester, base / "xdist", "-n", "2")
    assert normal == reversed_ == parallel
    runs = list(normal.values())
    assert len({json.dumps(r) for r in runs}) == 4  # each test its own seed
    flat = [row for run in runs for row in run]
    assert any(row[0] == "failed" for row in flat) and any(row[0] != "failed" for row in flat)
    seeded = _recorded(pytester, base / "seeded", "--fake-ecs-seed", "42")
    assert seeded != normal
    pytester.makeini("[pytest]\nfake_ecs_seed = 42\n")
    assert _recorded(pytester, base / "ini", *ids) == seeded


def test_region_option(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
def test_region(fake_ecs):
    assert fake_ecs.region_id == "cn-shenzhen"
"""
    )
    pytester.runpytest("--fake-ecs-region", "cn-shenzhen").assert_outcomes(passed=1)
    pytester.makeini("[pytest]\nfake_ecs_region = cn-shenzhen\n")
    pytester.runpytest().assert_outcomes(passed=1)


def test_fixture_help_mentions_markers_and_faults(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--fixtures", "-v")
    result.stdout.fnmatch_lines(["*@pytest.mark.fake_ecs(region_id=*", "*inject_error*"])
