"""Instances as ENI code sees them, through every SDK: size a pool from DescribeInstanceTypes,
launch with RunInstances, fill each instance to its reported limits and get the documented
code one past each; DescribeInstances and DescribeNetworkInterfaces agree at every step."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import ecs

POOL_TYPES = ["ecs.g7.large", "ecs.c7.xlarge", "ecs.g6.large", "ecs.hfg7.large"]


def launch(fake: FakeEcs, sdk: Any, instance_type: str, **extra: Any) -> list[str]:
    """RunInstances in the default vSwitch and group; the new instance ids."""
    body = ecs(
        sdk,
        "RunInstances",
        InstanceType=instance_type,
        VSwitchId=fake.default_vswitch.vswitch_id,
        SecurityGroupId=fake.default_security_group.security_group_id,
        ImageId="aliyun_3_x64_20G_alibase_20240819.vhd",  # accepted and ignored
        **extra,
    )
    return list(body["InstanceIdSets"]["InstanceIdSet"])


def instance_view(sdk: Any, instance_id: str) -> dict[str, Any]:
    """The instance as DescribeInstances shows it (it must exist)."""
    body = ecs(sdk, "DescribeInstances", InstanceIds=json.dumps([instance_id]))
    (item,) = body["Instances"]["Instance"]
    return dict(item)


def assert_views_agree(fake: FakeEcs, sdk: Any, instance_id: str) -> dict[str, Any]:
    """DescribeInstances and DescribeNetworkInterfaces tell the same story of the instance."""
    item = instance_view(sdk, instance_id)
    listed = ecs(sdk, "DescribeNetworkInterfaces", InstanceId=instance_id, PageSize=100)
    enis = {
        e["NetworkInterfaceId"]: e for e in listed["NetworkInterfaceSets"]["NetworkInterfaceSet"]
    }
    shown = item["NetworkInterfaces"]["NetworkInterface"]
    assert [e["NetworkInterfaceId"] for e in shown] and set(enis) == {
        e["NetworkInterfaceId"] for e in shown
    }
    assert shown[0]["Type"] == "Primary" and all(e["Type"] != "Primary" for e in shown[1:])
    for entry in shown:
        eni = enis[entry["NetworkInterfaceId"]]
        assert entry["Type"] == eni["Type"]
        assert entry["MacAddress"] == eni["MacAddress"]
        assert entry["PrimaryIpAddress"] == eni["PrivateIpAddress"]
        assert [s["PrivateIpAddress"] for s in entry["PrivateIpSets"]["PrivateIpSet"]] == [
            s["PrivateIpAddress"] for s in eni["PrivateIpSets"]["PrivateIpSet"]
        ]
        assert entry.get("Ipv6Sets", {}).get("Ipv6Set", []) == eni.get("Ipv6Sets", {}).get(
            "Ipv6Set", []
        )
        assert eni["InstanceId"] == instance_id
    primary = enis[shown[0]["NetworkInterfaceId"]]
    vpc = item["VpcAttributes"]
    assert vpc["PrivateIpAddress"]["IpAddress"] == [primary["PrivateIpAddress"]]
    assert (vpc["VpcId"], vpc["VSwitchId"]) == (primary["VpcId"], primary["VSwitchId"])
    assert (
        item["SecurityGroupIds"]["SecurityGroupId"]
        == primary["SecurityGroupIds"]["SecurityGroupId"]
    )
    assert item["ZoneId"] == primary["ZoneId"]
    fake.cloud.check_invariants()
    return item


def expect_code(sdk: Any, code: str, action: str, **params: Any) -> ApiFailure:
    with pytest.raises(ApiFailure) as failure:
        ecs(sdk, action, **params)
    assert failure.value.code == code, failure.value.message
    return failure.value


def test_pool_sized_from_describe_instance_types(fake_ecs: FakeEcs, sdk: Any) -> None:
    body = ecs(sdk, "DescribeInstanceTypes", InstanceTypes=POOL_TYPES)
    types = body["InstanceTypes"]["InstanceType"]
    assert sorted(t["InstanceTypeId"] for t in types) == sorted(POOL_TYPES)
    vsw, sg = fake_ecs.default_vswitch.vswitch_id, fake_ecs.default_security_group.security_group_id
    for kind in types:
        enis, per_eni = kind["EniQuantity"], kind["EniPrivateIpAddressQuantity"]
        (instance_id,) = launch(fake_ecs, sdk, kind["InstanceTypeId"])
        item = assert_views_agree(fake_ecs, sdk, instance_id)
        assert (item["Cpu"], item["Memory"]) == (kind["CpuCoreCount"], kind["MemorySize"] * 1024)
        assert item["InstanceTypeFamily"] == kind["InstanceTypeFamily"]
        for _ in range(enis - 1):  # the primary counts: EniQuantity - 1 more
            eni = ecs(sdk, "CreateNetworkInterface", VSwitchId=vsw, SecurityGroupId=sg)
            eni_id = eni["NetworkInterfaceId"]
            ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance_id)
            assert_views_agree(fake_ecs, sdk, instance_id)
        spare = ecs(sdk, "CreateNetworkInterface", VSwitchId=vsw, SecurityGroupId=sg)
        failure = expect_code(
            sdk,
            "EniPerInstanceLimitExceeded",
            "AttachNetworkInterface",
            NetworkInterfaceId=spare["NetworkInterfaceId"],
            InstanceId=instance_id,
        )
        assert failure.status == 403
        attached = instance_view(sdk, instance_id)["NetworkInterfaces"]["NetworkInterface"]
        assert len(attached) == enis
        for entry in attached:  # every ENI filled to EniPrivateIpAddressQuantity
            held = len(entry["PrivateIpSets"]["PrivateIpSet"])
            ecs(
                sdk,
                "AssignPrivateIpAddresses",
                NetworkInterfaceId=entry["NetworkInterfaceId"],
                SecondaryPrivateIpAddressCount=per_eni - held,
            )
            assert_views_agree(fake_ecs, sdk, instance_id)
            failure = expect_code(
                sdk,
                "InvalidOperation.Ipv4CountExceeded",
                "AssignPrivateIpAddresses",
                NetworkInterfaceId=entry["NetworkInterfaceId"],
                SecondaryPrivateIpAddressCount=1,
            )
            assert str(per_eni) in failure.message
        final = assert_views_agree(fake_ecs, sdk, instance_id)
        counts = [len(e["PrivateIpSets"]["PrivateIpSet"]) for e in final["NetworkInterfaces"]["NetworkInterface"]]  # fmt: skip
        assert counts == [per_eni] * enis
        ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=spare["NetworkInterfaceId"])
    fake_ecs.cloud.check_invariants()


def test_launch_past_the_type_limits_is_refused(fake_ecs: FakeEcs, sdk: Any) -> None:
    kind = ecs(sdk, "DescribeInstanceTypes", InstanceTypes=["ecs.g6.large"])["InstanceTypes"][
        "InstanceType"
    ][0]
    too_many = [{"InstanceType": "Secondary"}] * kind["EniQuantity"]  # with the primary: one past
    before = fake_ecs.default_vswitch.available_ip_count
    expect_code(sdk, "EniPerInstanceLimitExceeded", "RunInstances", InstanceType="ecs.g6.large",
                VSwitchId=fake_ecs.default_vswitch.vswitch_id,
                SecurityGroupId=fake_ecs.default_security_group.security_group_id,
                NetworkInterface=too_many)  # fmt: skip
    expect_code(sdk, "MaxEniPrivateIpsCountExceeded", "RunInstances", InstanceType="ecs.g6.large",
                VSwitchId=fake_ecs.default_vswitch.vswitch_id,
                SecurityGroupId=fake_ecs.default_security_group.security_group_id,
                NetworkInterface=[{"InstanceType": "Secondary",
                                   "SecondaryPrivateIpAddressCount": kind["EniPrivateIpAddressQuantity"]}])  # fmt: skip
    assert fake_ecs.instances == [] and fake_ecs.enis == []
    assert fake_ecs.default_vswitch.available_ip_count == before
    at_limit = [{"InstanceType": "Secondary", "SecondaryPrivateIpAddressCount": kind["EniPrivateIpAddressQuantity"] - 1}] * (kind["EniQuantity"] - 1)  # fmt: skip
    (instance_id,) = launch(fake_ecs, sdk, "ecs.g6.large", NetworkInterface=at_limit)
    item = assert_views_agree(fake_ecs, sdk, instance_id)
    shown = item["NetworkInterfaces"]["NetworkInterface"]
    assert len(shown) == kind["EniQuantity"]
    assert len(shown[1]["PrivateIpSets"]["PrivateIpSet"]) == kind["EniPrivateIpAddressQuantity"]


def test_lifecycle_views_agree_at_every_step(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.transition_delay = 5
    vsw = fake_ecs.default_vswitch
    free = vsw.available_ip_count
    (instance_id,) = launch(fake_ecs, sdk, "ecs.g7.xlarge", InstanceName="node-1",
                            Tag=[{"Key": "pool", "Value": "a"}],
                            NetworkInterface=[{"InstanceType": "Secondary", "DeleteOnRelease": False,
                                               "SecondaryPrivateIpAddressCount": 2}])  # fmt: skip
    item = assert_views_agree(fake_ecs, sdk, instance_id)
    assert (item["Status"], item["InstanceName"]) == ("Running", "node-1")
    assert item["Tags"]["Tag"] == [{"TagKey": "pool", "TagValue": "a"}]
    kept = item["NetworkInterfaces"]["NetworkInterface"][1]["NetworkInterfaceId"]
    eni = ecs(sdk, "CreateNetworkInterface", VSwitchId=vsw.vswitch_id,
              SecurityGroupId=fake_ecs.default_security_group.security_group_id)  # fmt: skip
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni["NetworkInterfaceId"], InstanceId=instance_id)  # fmt: skip
    assert_views_agree(fake_ecs, sdk, instance_id)  # Attaching: in both views already
    fake_ecs.clock.advance(5)
    assert_views_agree(fake_ecs, sdk, instance_id)
    ecs(sdk, "StopInstance", InstanceId=instance_id)
    assert assert_views_agree(fake_ecs, sdk, instance_id)["Status"] == "Stopping"
    expect_code(sdk, "IncorrectInstanceStatus", "StartInstance", InstanceId=instance_id)
    fake_ecs.clock.advance(5)
    assert assert_views_agree(fake_ecs, sdk, instance_id)["Status"] == "Stopped"
    ecs(sdk, "DetachNetworkInterface", NetworkInterfaceId=eni["NetworkInterfaceId"], InstanceId=instance_id)  # fmt: skip
    assert_views_agree(fake_ecs, sdk, instance_id)  # Detaching: still listed by both
    fake_ecs.clock.advance(5)
    assert len(assert_views_agree(fake_ecs, sdk, instance_id)["NetworkInterfaces"]["NetworkInterface"]) == 2  # fmt: skip
    ecs(sdk, "StartInstance", InstanceId=instance_id)
    assert ecs(sdk, "DescribeInstanceAttribute", InstanceId=instance_id)["Status"] == "Starting"
    fake_ecs.clock.advance(5)
    assert assert_views_agree(fake_ecs, sdk, instance_id)["Status"] == "Running"
    expect_code(sdk, "IncorrectInstanceStatus", "DeleteInstance", InstanceId=instance_id)
    ecs(sdk, "DeleteInstance", InstanceId=instance_id, Force=True)
    assert ecs(sdk, "DescribeInstances", InstanceIds=json.dumps([instance_id]))["TotalCount"] == 0
    left = ecs(sdk, "DescribeNetworkInterfaces", PageSize=100)["NetworkInterfaceSets"]["NetworkInterfaceSet"]  # fmt: skip
    assert sorted(e["NetworkInterfaceId"] for e in left) == sorted(
        [kept, eni["NetworkInterfaceId"]]
    )
    assert all(e["Status"] == "Available" and e["InstanceId"] == "" for e in left)
    for entry in left:
        ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=entry["NetworkInterfaceId"])
    fake_ecs.clock.advance(5)
    fake_ecs.cloud.settle()
    assert vsw.available_ip_count == free  # every address back in its vSwitch
    expect_code(
        sdk, "InvalidInstanceId.NotFound", "DescribeInstanceAttribute", InstanceId=instance_id
    )
    fake_ecs.cloud.check_invariants()


def test_describe_instances_filters(fake_ecs: FakeEcs, sdk: Any) -> None:
    first = launch(fake_ecs, sdk, "ecs.g7.large", InstanceName="web-1", Tag=[{"Key": "role", "Value": "web"}])  # fmt: skip
    second = launch(fake_ecs, sdk, "ecs.c7.large", InstanceName="db-1", Amount=2)
    primary_ip = instance_view(sdk, first[0])["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0]

    def ids(**filters: Any) -> list[str]:
        body = ecs(sdk, "DescribeInstances", PageSize=100, **filters)
        return [i["InstanceId"] for i in body["Instances"]["Instance"]]

    assert ids() == first + second
    assert ids(InstanceIds=json.dumps(second)) == second
    assert ids(InstanceIds="[]") == []  # documented: an empty array selects nothing
    assert ids(PrivateIpAddresses=json.dumps([primary_ip])) == first
    assert ids(InstanceType="ecs.c7.large") == second
    assert ids(InstanceTypeFamily="ecs.g7") == first
    assert ids(InstanceName="db-*") == second and ids(InstanceName="web-1") == first
    assert (
        ids(Tag=[{"Key": "role", "Value": "web"}]) == first and ids(Tag=[{"Key": "role"}]) == first
    )
    assert ids(VpcId=fake_ecs.default_vpc.vpc_id, ZoneId=fake_ecs.default_vswitch.zone_id) == first + second  # fmt: skip
    assert ids(VSwitchId="vsw-none") == [] and ids(Status="Stopped") == []
    assert ids(SecurityGroupId=fake_ecs.default_security_group.security_group_id) == first + second
    assert ids(ResourceGroupId=fake_ecs.default_resource_group_id) == first + second
    for bad, code in [({"InstanceIds": "i-1,i-2"}, "InvalidParameter"),
                      ({"InstanceIds": '{"a": 1}'}, "InvalidParameter"),
                      ({"Status": "Sleeping"}, "InvalidStatus.NotFound"),
                      ({"InstanceNetworkType": "vlan"}, "InvalidNetworkType.NotFound"),
                      ({"Tag": [{"Value": "web"}]}, "InvalidTag.Mismatch"),
                      ({"PageSize": 101}, "InvalidParameter")]:  # fmt: skip
        expect_code(sdk, code, "DescribeInstances", **bad)


def test_describe_instances_pages_both_ways(fake_ecs: FakeEcs, sdk: Any) -> None:
    made = launch(fake_ecs, sdk, "ecs.g7.large", Amount=5)
    page = ecs(sdk, "DescribeInstances", PageSize=2, PageNumber=3)
    assert (page["TotalCount"], page["PageNumber"], page["PageSize"]) == (5, 3, 2)
    assert [i["InstanceId"] for i in page["Instances"]["Instance"]] == made[4:]
    seen: list[str] = []
    token: str | None = None
    while True:
        extra = {"NextToken": token} if token else {}
        body = ecs(sdk, "DescribeInstances", MaxResults=2, **extra)
        seen += [i["InstanceId"] for i in body["Instances"]["Instance"]]
        token = body["NextToken"]
        if not token:
            break
    assert seen == made


def test_describe_instance_types_filters_and_pages(fake_ecs: FakeEcs, sdk: Any) -> None:
    def type_ids(**filters: Any) -> list[str]:
        body = ecs(sdk, "DescribeInstanceTypes", **filters)
        return [t["InstanceTypeId"] for t in body["InstanceTypes"]["InstanceType"]]

    every = type_ids()
    assert len(every) >= 40 and len(every) == len(set(every))
    assert set(type_ids(InstanceTypeFamily="ecs.g7")) == {
        t for t in every if t.startswith("ecs.g7.")
    }
    big = type_ids(MinimumEniQuantity=15)
    assert big and all(
        fake_ecs.cloud.instance_types.require(t).get("EniQuantity") >= 15 for t in big
    )
    small = type_ids(MinimumCpuCoreCount=4, MaximumCpuCoreCount=4, InstanceTypeFamily="ecs.c7")
    assert small == ["ecs.c7.xlarge"]
    assert type_ids(MinimumGPUAmount=1) == [t for t in every if t.startswith("ecs.gn6i")]
    assert type_ids(MinimumEniIpv6AddressQuantity=1) == []  # the pages give no IPv6 limits
    assert type_ids(InstanceTypes=["ecs.nope.large"]) == []
    first = ecs(sdk, "DescribeInstanceTypes", MaxResults=10)
    assert len(first["InstanceTypes"]["InstanceType"]) == 10 and first["NextToken"]
    rest = type_ids(NextToken=first["NextToken"], MaxResults=100)
    assert [t["InstanceTypeId"] for t in first["InstanceTypes"]["InstanceType"]] + rest == every
    expect_code(sdk, "InvalidParameter", "DescribeInstanceTypes", InstanceTypes=["ecs.g7.large"] * 101)  # fmt: skip
    expect_code(sdk, "InvalidParameter", "DescribeInstanceTypes", MaxResults=0)


def test_max_results_caps_a_page_at_100(fake_ecs: FakeEcs, sdk: Any) -> None:
    for n in range(60):
        fake_ecs.add_instance_type(f"ecs.test.s{n}", EniQuantity=2)
    body = ecs(sdk, "DescribeInstanceTypes", MaxResults=500)
    assert len(body["InstanceTypes"]["InstanceType"]) == 100 and body["NextToken"]
    assert len(ecs(sdk, "DescribeInstanceTypes")["InstanceTypes"]["InstanceType"]) == 100


def test_run_instances_client_token_and_dry_run(fake_ecs: FakeEcs, sdk: Any) -> None:
    expect_code(sdk, "DryRunOperation", "RunInstances", InstanceType="ecs.g7.large",
                VSwitchId=fake_ecs.default_vswitch.vswitch_id, DryRun=True,
                SecurityGroupId=fake_ecs.default_security_group.security_group_id)  # fmt: skip
    assert fake_ecs.instances == []
    once = launch(fake_ecs, sdk, "ecs.g7.large", ClientToken="t-1")
    assert launch(fake_ecs, sdk, "ecs.g7.large", ClientToken="t-1") == once
    assert len(fake_ecs.instances) == 1
    expect_code(sdk, "IdempotentParameterMismatch", "RunInstances", InstanceType="ecs.c7.large",
                VSwitchId=fake_ecs.default_vswitch.vswitch_id, ClientToken="t-1",
                SecurityGroupId=fake_ecs.default_security_group.security_group_id)  # fmt: skip


def test_run_instances_takes_addresses_from_the_vswitch_ledger(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.default_vswitch
    (instance_id,) = launch(fake_ecs, sdk, "ecs.g7.large", PrivateIpAddress="172.16.0.50")
    assert instance_view(sdk, instance_id)["VpcAttributes"]["PrivateIpAddress"]["IpAddress"] == ["172.16.0.50"]  # fmt: skip
    for address, code in [("172.16.0.50", "InvalidPrivateIpAddress.Duplicated"),
                          ("10.9.9.9", "InvalidPrivateIpAddress"),
                          ("172.16.0.999", "InvalidPrivateIpAddress.Malformed")]:  # fmt: skip
        expect_code(sdk, code, "RunInstances", InstanceType="ecs.g7.large", VSwitchId=vsw.vswitch_id,
                    SecurityGroupId=fake_ecs.default_security_group.security_group_id,
                    PrivateIpAddress=address)  # fmt: skip
    vsw.available_ip_count = 3
    expect_code(sdk, "QuotaExceeded.PrivateIpAddress", "RunInstances", InstanceType="ecs.g7.large",
                VSwitchId=vsw.vswitch_id, Amount=4,
                SecurityGroupId=fake_ecs.default_security_group.security_group_id)  # fmt: skip
    assert len(fake_ecs.instances) == 1
    assert len(launch(fake_ecs, sdk, "ecs.g7.large", Amount=3)) == 3
    assert vsw.available_ip_count == 0
    fake_ecs.cloud.check_invariants()


def test_a_launch_that_fails_midway_gives_everything_back(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.quotas.max_enis_per_region = 3  # secondary ENIs count, primaries do not
    before = fake_ecs.default_vswitch.available_ip_count
    expect_code(sdk, "MaxEniCountExceeded", "RunInstances", InstanceType="ecs.g7.large", Amount=2,
                VSwitchId=fake_ecs.default_vswitch.vswitch_id,
                SecurityGroupId=fake_ecs.default_security_group.security_group_id,
                NetworkInterface=[{"InstanceType": "Secondary", "DeleteOnRelease": False}] * 2)  # fmt: skip
    assert fake_ecs.instances == [] and fake_ecs.enis == []
    assert fake_ecs.default_vswitch.available_ip_count == before
    fake_ecs.cloud.check_invariants()


def test_unknown_instance_type(fake_ecs: FakeEcs, sdk: Any) -> None:
    failure = expect_code(sdk, "InvalidInstanceType.ValueNotSupported", "RunInstances",
                          InstanceType="ecs.nope.large", VSwitchId=fake_ecs.default_vswitch.vswitch_id,
                          SecurityGroupId=fake_ecs.default_security_group.security_group_id)  # fmt: skip
    assert failure.status == 400
    with pytest.raises(ValueError, match=r"no instance type 'ecs\.nope\.large'"):
        fake_ecs.add_instance(instance_type="ecs.nope.large")


def test_the_docs_recipe_runs(fake_ecs: FakeEcs) -> None:
    """docs/instances.md's first recipe, as written, against this test's fake."""
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "instances.md").read_text(encoding="utf-8")
    code = page.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict[str, Any] = {}
    exec(code, scope)
    scope["test_pool_fills_to_the_type_limits"](fake_ecs)
    assert len(fake_ecs.instances) == 1 and len(fake_ecs.enis) == 4  # ecs.g7.xlarge: 4 ENIs
