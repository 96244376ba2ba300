"""Every rule of CreateNetworkInterface answers with its documented code, status and message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs, error_codes
from pytest_fake_eni.errors import lookup
from tests.drivers import ApiFailure

Params = Callable[[FakeEcs], dict[str, Any]]


def ok(fake: FakeEcs, **extra: Any) -> dict[str, Any]:
    """A valid request, changed by ``extra`` (a value of None drops the name)."""
    params = {
        "VSwitchId": fake.default_vswitch.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
        **extra,
    }
    return {k: v for k, v in params.items() if v is not None}


def other_vpc_group(fake: FakeEcs) -> str:
    return fake.add_security_group(fake.add_vpc("10.0.0.0/8").vpc_id).security_group_id


CASES: list[tuple[str, Params, str, str]] = [
    ("no vswitch", lambda f: ok(f, VSwitchId=None), "MissingParameter", "VSwitchId"),
    ("no group", lambda f: ok(f, SecurityGroupId=None), "MissingParameter", "SecurityGroupIds.N"),
    ("both group forms",
     lambda f: ok(f, SecurityGroupIds=[f.default_security_group.security_group_id]),
     "InvalidSecurityGroupId.SingleIdAndMultiIdConflict", ""),
    ("addresses and count",
     lambda f: ok(f, PrivateIpAddress=["172.16.0.9"], SecondaryPrivateIpAddressCount=1),
     "InvalidParameter.Conflict", "SecondaryPrivateIpAddressCount"),
    ("count 0", lambda f: ok(f, SecondaryPrivateIpAddressCount=0), "InvalidParameter",
     "SecondaryPrivateIpAddressCount"),
    ("count 50", lambda f: ok(f, SecondaryPrivateIpAddressCount=50), "InvalidParameter",
     "SecondaryPrivateIpAddressCount"),
    ("11 addresses",
     lambda f: ok(f, PrivateIpAddress=[f"172.16.0.{i}" for i in range(10, 21)]),
     "InvalidParameter", "PrivateIpAddress"),
    ("repeated groups",
     lambda f: ok(f, SecurityGroupId=None, SecurityGroupIds=[f.default_security_group.security_group_id] * 2),
     "InvalidParameter.SecurityGroupIdRepeated", ""),
    ("unknown vswitch", lambda f: ok(f, VSwitchId="vsw-nope"), "InvalidVSwitchId.NotFound",
     "VSwitchId is not found"),
    ("unknown group", lambda f: ok(f, SecurityGroupId="sg-nope"),
     "InvalidSecurityGroupId.NotFound", "SecurityGroupId is not found"),
    ("group of another vpc", lambda f: ok(f, SecurityGroupId=other_vpc_group(f)),
     "InvalidOperation.VpcMismatch", "not in the same VPC"),
    ("unknown region", lambda f: ok(f, RegionId="xx-nowhere-1"), "Forbidden.RegionId",
     "xx-nowhere-1"),
    ("address outside cidr", lambda f: ok(f, PrimaryIpAddress="10.9.9.9"),
     "InvalidVSwitchId.IpInvalid", "10.9.9.9"),
    ("network address", lambda f: ok(f, PrimaryIpAddress="172.16.0.0"),
     "InvalidVSwitchId.IpInvalid", "172.16.0.0"),
    ("reserved tail", lambda f: ok(f, PrivateIpAddress=["172.16.0.253"]),
     "InvalidVSwitchId.IpInvalid", "172.16.0.253"),
    ("not an address", lambda f: ok(f, PrimaryIpAddress="172.16.0.300"),
     "InvalidVSwitchId.IpInvalid", "172.16.0.300"),
    ("repeated address",
     lambda f: ok(f, PrimaryIpAddress="172.16.0.5", PrivateIpAddress=["172.16.0.5"]),
     "InvalidIp.IpRepeated", "172.16.0.5"),
    ("name too short", lambda f: ok(f, NetworkInterfaceName="a"),
     "InvalidParams.NetworkInterfaceName", ""),
    ("name with a slash", lambda f: ok(f, NetworkInterfaceName="http://x"),
     "InvalidParams.NetworkInterfaceName", ""),
    ("name too long", lambda f: ok(f, NetworkInterfaceName="n" * 129),
     "InvalidParams.NetworkInterfaceName", ""),
    ("description too short", lambda f: ok(f, Description="x"), "InvalidParameter", "Description"),
    ("description is a url", lambda f: ok(f, Description="https://x.example"), "InvalidParameter",
     "Description"),
    ("tag key aliyun", lambda f: ok(f, Tag=[{"Key": "aliyun:x", "Value": "v"}]),
     "InvalidTagKey.Malformed", ""),
    ("tag key acs:", lambda f: ok(f, Tag=[{"Key": "acs:x", "Value": "v"}]),
     "InvalidTagKey.Malformed", ""),
    ("tag key too long", lambda f: ok(f, Tag=[{"Key": "k" * 129, "Value": "v"}]),
     "InvalidTagKey.Malformed", ""),
    ("tag value too long", lambda f: ok(f, Tag=[{"Key": "k", "Value": "v" * 129}]),
     "InvalidTagValue.Malformed", ""),
    ("tag value with url", lambda f: ok(f, Tag=[{"Key": "k", "Value": "see http://x"}]),
     "InvalidTagValue.Malformed", ""),
    ("tag value without key", lambda f: ok(f, Tag=[{"Value": "v"}]), "InvalidTagKey.Malformed", ""),
    ("bad tag key and value: the key", lambda f: ok(f, Tag=[{"Key": "acs:x", "Value": "v" * 129}]),
     "InvalidTagKey.Malformed", ""),
    ("bad tag value without key: the value", lambda f: ok(f, Tag=[{"Value": "v" * 129}]),
     "InvalidTagValue.Malformed", ""),
    ("duplicate tag keys", lambda f: ok(f, Tag=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]),
     "Duplicate.TagKey", ""),
    ("21 tags", lambda f: ok(f, Tag=[{"Key": f"k{i}", "Value": ""} for i in range(21)]),
     "QuotaExceed.Tags", "20"),
    ("token of 65", lambda f: ok(f, ClientToken="t" * 65), "InvalidParameter", "ClientToken"),
    ("token not ascii", lambda f: ok(f, ClientToken="tökén"), "InvalidParameter", "ClientToken"),
    ("instance type", lambda f: ok(f, InstanceType="Primary"), "InvalidParameter", "InstanceType"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "params", "code", "in_message"), CASES, ids=[c[0] for c in CASES])
def test_rule(
    fake_ecs: FakeEcs, sdk: Any, case: str, params: Params, code: str, in_message: str
) -> None:
    request = params(fake_ecs)
    free_before = fake_ecs.default_vswitch.available_ip_count
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**request)
    assert failure.value.code == code
    assert failure.value.status == lookup(code).status
    assert in_message in failure.value.message
    assert "%s" not in failure.value.message and "{" not in failure.value.message
    assert fake_ecs.enis == []  # nothing was created ...
    assert fake_ecs.default_vswitch.available_ip_count == free_before  # ... nor allocated
    assert fake_ecs.calls[-1].error_code == code


def test_missing_region_id_through_raw_http(fake_ecs: FakeEcs) -> None:
    import requests

    url = "https://ecs-cn-hangzhou.aliyuncs.com/"
    params = {"Action": "CreateNetworkInterface", "Version": "2014-05-26", "Format": "JSON",
              "VSwitchId": fake_ecs.default_vswitch.vswitch_id,
              "SecurityGroupId": fake_ecs.default_security_group.security_group_id}  # fmt: skip
    response = requests.get(url, params=params, timeout=5)
    assert response.status_code == 400
    assert response.json()["Code"] == "MissingParameter"
    assert '"RegionId"' in response.json()["Message"]


def test_address_in_use(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(fake_ecs, PrimaryIpAddress="172.16.0.20"))
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**ok(fake_ecs, PrivateIpAddress=["172.16.0.21", "172.16.0.20"]))
    assert (failure.value.code, failure.value.status) == ("InvalidPrivateIpAddress.Duplicated", 400)
    assert "172.16.0.20" in failure.value.message
    assert len(fake_ecs.enis) == 1
    assert fake_ecs.default_vswitch.available_ip_count == 251  # 172.16.0.21 was not kept


def test_eni_quota(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.quotas.max_enis_per_region = 2
    sdk.create_eni(**ok(fake_ecs))
    sdk.create_eni(**ok(fake_ecs))
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**ok(fake_ecs))
    assert (failure.value.code, failure.value.status) == ("MaxEniCountExceeded", 403)
    assert failure.value.message == "The number of ENI exceeds the limit per region."
    assert len(fake_ecs.enis) == 2


def test_first_broken_rule_wins_every_time(fake_ecs: FakeEcs, sdk: Any) -> None:
    # Syntax (400) before existence (404) before state (403).
    bad = ok(fake_ecs, VSwitchId="vsw-nope", NetworkInterfaceName="x", SecondaryPrivateIpAddressCount=0)  # fmt: skip
    for _ in range(3):
        with pytest.raises(ApiFailure) as failure:
            sdk.create_eni(**bad)
        assert failure.value.code == "InvalidParameter"
        assert '"SecondaryPrivateIpAddressCount"' in failure.value.message
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**ok(fake_ecs, VSwitchId="vsw-nope", PrimaryIpAddress="1.2.3.4"))
    assert failure.value.code == "InvalidVSwitchId.NotFound"


@pytest.mark.parametrize("spec", error_codes("CreateNetworkInterface", status=404))
def test_error_codes_parametrize_with_code_ids(request: pytest.FixtureRequest, spec: Any) -> None:
    assert request.node.callspec.id == spec.code
    assert spec.status == 404
