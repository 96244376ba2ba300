"""DescribeNetworkInterfaces: every filter and both paging styles, through every SDK."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.api.paging import next_token
from tests.lifecycle_drivers import create, describe, ecs


@pytest.fixture
def estate(fake_ecs: FakeEcs, sdk: Any) -> dict[str, Any]:
    """Three ENIs that differ in every filtered field, and an instance."""
    vpc = fake_ecs.add_vpc("10.0.0.0/8")
    vsw = fake_ecs.add_vswitch(vpc.vpc_id, "10.1.0.0/24")
    sg = fake_ecs.add_security_group(vpc.vpc_id).security_group_id
    instance = fake_ecs.add_instance()
    default = {
        "VSwitchId": fake_ecs.default_vswitch.vswitch_id,
        "SecurityGroupId": fake_ecs.default_security_group.security_group_id,
    }
    a = create(sdk, **default, NetworkInterfaceName="alpha", Tag=[{"Key": "team", "Value": "red"}])
    b = create(
        sdk,
        **default,
        NetworkInterfaceName="beta",
        PrimaryIpAddress="172.16.0.77",
        PrivateIpAddress=["172.16.0.78"],
        Tag=[{"Key": "team", "Value": "blue"}],
    )
    c = create(sdk, VSwitchId=vsw.vswitch_id, SecurityGroupId=sg, NetworkInterfaceName="gamma")
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=a, InstanceId=instance.instance_id)
    return {"a": a, "b": b, "c": c, "vpc": vpc.vpc_id, "vsw": vsw.vswitch_id, "sg": sg,
            "instance": instance.instance_id, "primary": instance.primary_eni_id}  # fmt: skip


FILTERS: list[tuple[str, Any, list[str]]] = [
    ("no filter", lambda e, f: {}, ["primary", "a", "b", "c"]),
    ("VSwitchId", lambda e, f: {"VSwitchId": e["vsw"]}, ["c"]),
    ("VpcId", lambda e, f: {"VpcId": f.default_vpc.vpc_id}, ["primary", "a", "b"]),
    ("PrimaryIpAddress", lambda e, f: {"PrimaryIpAddress": "172.16.0.77"}, ["b"]),
    ("PrivateIpAddress secondary", lambda e, f: {"PrivateIpAddress": ["172.16.0.78", "1.1.1.1"]}, ["b"]),
    ("SecurityGroupId (secondary only)", lambda e, f: {"SecurityGroupId": f.default_security_group.security_group_id}, ["a", "b"]),
    ("NetworkInterfaceName", lambda e, f: {"NetworkInterfaceName": "gamma"}, ["c"]),
    ("Type Primary", lambda e, f: {"Type": "Primary"}, ["primary"]),
    ("Type Secondary", lambda e, f: {"Type": "Secondary"}, ["a", "b", "c"]),
    ("InstanceId", lambda e, f: {"InstanceId": e["instance"]}, ["primary", "a"]),
    ("Status Available", lambda e, f: {"Status": "Available"}, ["b", "c"]),
    ("Status InUse", lambda e, f: {"Status": "InUse"}, ["primary", "a"]),
    ("NetworkInterfaceId", lambda e, f: {"NetworkInterfaceId": [e["c"], e["a"]]}, ["a", "c"]),
    ("unknown id", lambda e, f: {"NetworkInterfaceId": ["eni-bp1doesnotexist000"]}, []),
    ("ServiceManaged false", lambda e, f: {"ServiceManaged": False}, ["primary", "a", "b", "c"]),
    ("ServiceManaged true", lambda e, f: {"ServiceManaged": True}, []),
    ("ResourceGroupId", lambda e, f: {"ResourceGroupId": f.cloud.default_resource_group_id}, ["primary", "a", "b", "c"]),
    ("Tag key and value", lambda e, f: {"Tag": [{"Key": "team", "Value": "blue"}]}, ["b"]),
    ("Tag key only", lambda e, f: {"Tag": [{"Key": "team"}]}, ["a", "b"]),
    ("Ipv6Address", lambda e, f: {"Ipv6Address": ["2408:4000::1"]}, []),
    ("two filters", lambda e, f: {"VpcId": f.default_vpc.vpc_id, "Status": "Available"}, ["b"]),
    ("literal None", lambda e, f: {"VSwitchId": "None"}, []),
    ("empty value ignored", lambda e, f: {"NetworkInterfaceName": ""}, ["primary", "a", "b", "c"]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "params", "expected"), FILTERS, ids=[c[0] for c in FILTERS])
def test_filter(fake_ecs: FakeEcs, sdk: Any, estate: dict[str, Any], case: str, params: Any,
                expected: list[str]) -> None:  # fmt: skip
    items = describe(sdk, MaxResults=100, **params(estate, fake_ecs))
    assert [i["NetworkInterfaceId"] for i in items] == [estate[k] for k in expected]


def test_token_paging_walks_every_eni_once(fake_ecs: FakeEcs, sdk: Any) -> None:
    made = [create(sdk, VSwitchId=fake_ecs.default_vswitch.vswitch_id,
                   SecurityGroupId=fake_ecs.default_security_group.security_group_id) for _ in range(23)]  # fmt: skip
    seen: list[str] = []
    tokens: list[str] = []
    params: dict[str, Any] = {"MaxResults": 3}  # below 10: counts as 10
    while True:
        body = ecs(sdk, "DescribeNetworkInterfaces", **params)
        seen += [
            i["NetworkInterfaceId"] for i in body["NetworkInterfaceSets"]["NetworkInterfaceSet"]
        ]
        if not body["NextToken"]:
            break
        tokens.append(body["NextToken"])
        params = {"MaxResults": 3, "NextToken": body["NextToken"]}
    assert seen == made
    assert len(tokens) == 2  # pages of 10, 10, 3
    assert all(t not in made and len(t) > 20 for t in tokens)  # opaque


def test_max_results_is_capped_at_500(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.quotas.max_enis_per_region = 600
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.64.0/20")
    for _ in range(501):
        fake_ecs.cloud.create_eni(_request(fake_ecs, vsw.vswitch_id))
    body = ecs(sdk, "DescribeNetworkInterfaces", MaxResults=1000)
    assert len(body["NetworkInterfaceSets"]["NetworkInterfaceSet"]) == 500
    assert body["NextToken"] == next_token(500)


def _request(fake: FakeEcs, vswitch_id: str) -> Any:
    from pytest_fake_eni.cloud.state import EniRequest

    return EniRequest(region_id=fake.region_id, vswitch_id=vswitch_id,
                      security_group_ids=[fake.default_security_group.security_group_id])  # fmt: skip


def test_page_number_paging_reports_total_count(fake_ecs: FakeEcs, sdk: Any) -> None:
    made = [create(sdk, VSwitchId=fake_ecs.default_vswitch.vswitch_id,
                   SecurityGroupId=fake_ecs.default_security_group.security_group_id) for _ in range(7)]  # fmt: skip
    pages = []
    for number in (1, 2, 3, 4):
        body = ecs(sdk, "DescribeNetworkInterfaces", PageNumber=number, PageSize=3)
        assert (body["TotalCount"], body["PageNumber"], body["PageSize"]) == (7, number, 3)
        pages.append(
            [i["NetworkInterfaceId"] for i in body["NetworkInterfaceSets"]["NetworkInterfaceSet"]]
        )
    assert pages == [made[0:3], made[3:6], made[6:7], []]
    body = ecs(sdk, "DescribeNetworkInterfaces")
    assert (
        body["PageNumber"],
        body["PageSize"],
        len(body["NetworkInterfaceSets"]["NetworkInterfaceSet"]),
    ) == (1, 10, 7)
