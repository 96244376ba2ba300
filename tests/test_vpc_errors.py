"""DescribeVSwitches and DescribeVpcs answer each documented code, through the VPC SDKs."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs, error_codes
from pytest_fake_eni.errors import lookup
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import vpc

ACTIONS = ("DescribeVSwitches", "DescribeVpcs")
CASES: list[tuple[str, dict[str, Any], str, str]] = [
    (action, params, code, in_message)
    for action in ACTIONS
    for params, code, in_message in [
        ({"RegionId": "xx-nowhere-1"}, "Forbidden.RegionId", "xx-nowhere-1"),
        ({"PageSize": 51}, "InvalidParameter", "PageSize"),
        ({"PageNumber": 0}, "InvalidParameter", "PageNumber"),
        ({"DryRun": True}, "DryRunOperation", "DryRun"),
    ]
]
# Only a fault can bring these: the fake is never busy nor broken by itself.
INJECTED_ONLY = {"Throttling", "InternalError"}
TESTED_ELSEWHERE = {"MissingParameter"}  # test_missing_region_id: the SDKs always send one


@pytest.mark.parametrize(
    ("action", "params", "code", "in_message"),
    CASES,
    ids=[f"{c[0]}-{c[2]}-{next(iter(c[1]))}" for c in CASES],
)
def test_rule(
    fake_ecs: FakeEcs, sdk: Any, action: str, params: dict[str, Any], code: str, in_message: str
) -> None:
    with pytest.raises(ApiFailure) as failure:
        vpc(sdk, action, **params)
    assert (failure.value.code, failure.value.status) == (code, lookup(code).status)
    assert in_message in failure.value.message
    assert "{" not in failure.value.message


@pytest.mark.parametrize("action", ACTIONS)
def test_a_dry_run_checks_first(fake_ecs: FakeEcs, sdk: Any, action: str) -> None:
    with pytest.raises(ApiFailure) as failure:
        vpc(sdk, action, DryRun=True, RegionId="xx-nowhere-1")
    assert failure.value.code == "Forbidden.RegionId"
    body = vpc(sdk, action, DryRun=False)
    assert body["TotalCount"] == 1


@pytest.mark.parametrize("action", ACTIONS)
def test_missing_region_id(fake_ecs: FakeEcs, action: str) -> None:
    params = {"Action": action, "Version": "2016-04-28", "Format": "JSON"}
    response = requests.get("https://vpc.aliyuncs.com/", params=params, timeout=5)
    assert (response.status_code, response.json()["Code"]) == (400, "MissingParameter")
    assert '"RegionId"' in response.json()["Message"]


def test_describe_vswitches_takes_a_vpc_id_for_the_region(fake_ecs: FakeEcs) -> None:
    params = {"Action": "DescribeVSwitches", "Version": "2016-04-28", "Format": "JSON"}
    url = "https://vpc.aliyuncs.com/"
    vpc_id = fake_ecs.default_vpc.vpc_id
    body = requests.get(url, params={**params, "VpcId": vpc_id}, timeout=5).json()
    assert [v["VSwitchId"] for v in body["VSwitches"]["VSwitch"]] == [
        fake_ecs.default_vswitch.vswitch_id
    ]
    unknown = requests.get(url, params={**params, "VpcId": "vpc-nope"}, timeout=5).json()
    assert (unknown["TotalCount"], unknown["VSwitches"]["VSwitch"]) == (0, [])


@pytest.mark.parametrize(
    ("action", "code"),
    [(a, s.code) for a in ACTIONS for s in error_codes(a) if s.code in INJECTED_ONLY],
)
def test_injected_only_codes_arrive_through_inject_error(
    fake_ecs: FakeEcs, sdk: Any, action: str, code: str
) -> None:
    rule = fake_ecs.inject_error(action, code, times=None)  # the legacy SDK retries these
    with pytest.raises(ApiFailure) as failure:
        vpc(sdk, action)
    assert (failure.value.code, failure.value.status) == (code, lookup(code).status)
    assert rule.hits >= 1
    fake_ecs.clear_faults()
    assert vpc(sdk, action)["TotalCount"] == 1


@pytest.mark.parametrize("action", ACTIONS)
def test_every_documented_code_is_tested_or_injected_only(action: str) -> None:
    documented = {spec.code for spec in error_codes(action)}
    tested = {c[2] for c in CASES if c[0] == action} | TESTED_ELSEWHERE
    assert documented - tested == INJECTED_ONLY & documented
    assert tested <= documented, tested - documented
    assert {"MissingParameter", "InvalidParameter", "Forbidden.RegionId"} <= documented
