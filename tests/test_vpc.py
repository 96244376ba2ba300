"""The VPC product: DescribeVSwitches and DescribeVpcs on the VPC endpoints, from the same state."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import create, ecs, vpc


def test_available_count_drops_and_rises_with_enis(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw_id = fake_ecs.default_vswitch.vswitch_id

    def free() -> int:
        (item,) = vpc(sdk, "DescribeVSwitches", VSwitchId=vsw_id)["VSwitches"]["VSwitch"]
        return int(item["AvailableIpAddressCount"])

    assert free() == 252  # a /24 less the four reserved addresses
    eni_id = create(
        sdk,
        VSwitchId=vsw_id,
        SecondaryPrivateIpAddressCount=4,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    assert free() == 247
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    assert free() == 252


def test_describe_vswitches_filters_and_fields(fake_ecs: FakeEcs, sdk: Any) -> None:
    other = fake_ecs.add_vswitch(
        fake_ecs.default_vpc.vpc_id, "172.16.8.0/22", zone_id="cn-hangzhou-i"
    )
    unrelated = fake_ecs.add_vpc("10.0.0.0/8")
    fake_ecs.add_vswitch(unrelated.vpc_id, "10.0.0.0/24")
    body = vpc(sdk, "DescribeVSwitches", VpcId=fake_ecs.default_vpc.vpc_id)
    items = body["VSwitches"]["VSwitch"]
    assert body["TotalCount"] == 2
    assert [i["VSwitchId"] for i in items] == [
        fake_ecs.default_vswitch.vswitch_id,
        other.vswitch_id,
    ]
    assert items[1]["CidrBlock"] == "172.16.8.0/22"
    assert items[1]["ZoneId"] == "cn-hangzhou-i"
    assert items[1]["AvailableIpAddressCount"] == 1020
    assert items[1]["Status"] == "Available"
    zone = vpc(sdk, "DescribeVSwitches", ZoneId="cn-hangzhou-i")["VSwitches"]["VSwitch"]
    assert [i["VSwitchId"] for i in zone] == [other.vswitch_id]
    page = vpc(sdk, "DescribeVSwitches", PageSize=1, PageNumber=3)
    assert (page["TotalCount"], len(page["VSwitches"]["VSwitch"])) == (3, 1)


def test_describe_vpcs(fake_ecs: FakeEcs, sdk: Any) -> None:
    extra = fake_ecs.add_vpc("10.0.0.0/8")
    body = vpc(sdk, "DescribeVpcs")
    assert [v["VpcId"] for v in body["Vpcs"]["Vpc"]] == [fake_ecs.default_vpc.vpc_id, extra.vpc_id]
    (item,) = vpc(sdk, "DescribeVpcs", VpcId=fake_ecs.default_vpc.vpc_id)["Vpcs"]["Vpc"]
    assert item["CidrBlock"] == "172.16.0.0/12"
    assert item["VSwitchIds"]["VSwitchId"] == [fake_ecs.default_vswitch.vswitch_id]


def test_unknown_region(fake_ecs: FakeEcs, sdk: Any) -> None:
    with pytest.raises(ApiFailure) as failure:
        vpc(sdk, "DescribeVSwitches", RegionId="xx-nowhere-1")
    assert (failure.value.code, failure.value.status) == ("Forbidden.RegionId", 400)


@pytest.mark.parametrize(
    "host", ["vpc.aliyuncs.com", "vpc.cn-hangzhou.aliyuncs.com", "vpc-vpc.cn-hangzhou.aliyuncs.com"]
)
def test_every_vpc_host_answers(fake_ecs: FakeEcs, host: str) -> None:
    assert fake_ecs.intercepts(f"https://{host}/")
    params = {
        "Action": "DescribeVSwitches",
        "Version": "2016-04-28",
        "Format": "JSON",
        "RegionId": "cn-hangzhou",
    }
    body = requests.get(f"https://{host}/", params=params, timeout=5).json()
    assert body["VSwitches"]["VSwitch"][0]["VSwitchId"] == fake_ecs.default_vswitch.vswitch_id
    ecs_version = requests.get(
        f"https://{host}/", params={**params, "Version": "2014-05-26"}, timeout=5
    )
    assert (ecs_version.status_code, ecs_version.json()["Code"]) == (400, "InvalidVersion")


def test_vpc_hosts_do_not_answer_ecs_actions(fake_ecs: FakeEcs) -> None:
    params = {
        "Action": "DescribeNetworkInterfaces",
        "Version": "2016-04-28",
        "Format": "JSON",
        "RegionId": "cn-hangzhou",
    }
    response = requests.get("https://vpc.aliyuncs.com/", params=params, timeout=5)
    assert (response.status_code, response.json()["Code"]) == (404, "InvalidAction.NotFound")
    assert not fake_ecs.intercepts("https://vpcx.aliyuncs.com/")


def _recommend(product: str, code: str, request_id: str) -> str:
    return f"https://api.aliyun.com/troubleshoot?q={code}&product={product}&requestId={request_id}"


@pytest.mark.parametrize(
    ("host", "version", "product"),
    [
        ("vpc.aliyuncs.com", "2016-04-28", "Vpc"),
        ("vpc.cn-hangzhou.aliyuncs.com", "2016-04-28", "Vpc"),
        ("vpc-vpc.cn-hangzhou.aliyuncs.com", "2016-04-28", "Vpc"),
        ("ecs-cn-hangzhou.aliyuncs.com", "2014-05-26", "Ecs"),
    ],
)
@pytest.mark.parametrize("fmt", ["JSON", "XML"])
def test_recommend_names_the_product_answering(
    fake_ecs: FakeEcs, host: str, version: str, product: str, fmt: str
) -> None:
    import xml.etree.ElementTree as ET

    action = "DescribeVSwitches" if product == "Vpc" else "DescribeNetworkInterfaces"
    params = {"Action": action, "Version": version, "Format": fmt, "RegionId": "xx-nowhere-1"}
    response = requests.get(f"https://{host}/", params=params, timeout=5)
    assert response.status_code == 400
    if fmt == "JSON":
        body = response.json()
    else:
        body = {child.tag: child.text for child in ET.fromstring(response.content)}
    assert body["Code"] == "Forbidden.RegionId"
    assert body["HostId"] == host
    assert body["Recommend"] == _recommend(product, "Forbidden.RegionId", body["RequestId"])


def test_recommend_of_an_injected_vpc_error(fake_ecs: FakeEcs) -> None:
    fake_ecs.inject_error("DescribeVpcs", "InternalError")
    params = {
        "Action": "DescribeVpcs",
        "Version": "2016-04-28",
        "Format": "JSON",
        "RegionId": "cn-hangzhou",
    }
    body = requests.get("https://vpc.aliyuncs.com/", params=params, timeout=5).json()
    assert body["Code"] == "InternalError"
    assert body["Recommend"] == _recommend("Vpc", "InternalError", body["RequestId"])


@pytest.mark.parametrize("action", ["DescribeVSwitches", "DescribeVpcs"])
def test_recommend_through_the_vpc_sdk(fake_ecs: FakeEcs, sdk: Any, action: str) -> None:
    with pytest.raises(ApiFailure) as failure:
        vpc(sdk, action, RegionId="xx-nowhere-1")
    assert failure.value.code == "Forbidden.RegionId"
    data = getattr(failure.value.original, "data", None)
    if data is None:
        pytest.skip("the legacy SDK's ServerException keeps no Recommend")
    assert data["Recommend"] == _recommend("Vpc", "Forbidden.RegionId", failure.value.request_id)
