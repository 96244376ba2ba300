"""What the network Describe calls report, filter and page, through every SDK."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from pytest_fake_eni import FakeEcs
from tests.lifecycle_drivers import ecs, vpc

IPV6 = "2408:4005:3d8:3c00::/64"


def vswitches(sdk: Any, **params: Any) -> list[dict[str, Any]]:
    return list(vpc(sdk, "DescribeVSwitches", **params)["VSwitches"]["VSwitch"])


def groups(sdk: Any, **params: Any) -> list[dict[str, Any]]:
    return list(ecs(sdk, "DescribeSecurityGroups", **params)["SecurityGroups"]["SecurityGroup"])


def test_ipv6_and_creation_time_of_a_vswitch(fake_ecs: FakeEcs, sdk: Any) -> None:
    # Issue 20: EnabledIpv6/Ipv6CidrBlock were always false/empty, CreationTime the call's.
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.1.0/24", ipv6_cidr_block=IPV6)
    first = vswitches(sdk, VSwitchId=vsw.vswitch_id)[0]
    assert (first["EnabledIpv6"], first["Ipv6CidrBlock"]) == (True, IPV6)
    vpc_time = vpc(sdk, "DescribeVpcs")["Vpcs"]["Vpc"][0]["CreationTime"]
    fake_ecs.clock.advance(3600)
    again = vswitches(sdk, VSwitchId=vsw.vswitch_id)[0]
    assert again["CreationTime"] == first["CreationTime"] == vsw.creation_time
    assert vpc(sdk, "DescribeVpcs")["Vpcs"]["Vpc"][0]["CreationTime"] == vpc_time
    plain = vswitches(sdk, VSwitchId=fake_ecs.default_vswitch.vswitch_id)[0]
    assert (plain["EnabledIpv6"], plain["Ipv6CidrBlock"]) == (False, "")


def test_ipv6_through_the_api(fake_ecs: FakeEcs, sdk: Any) -> None:
    created = vpc(sdk, "CreateVpc", CidrBlock="10.0.0.0/8", EnableIpv6=True)
    described = vpc(sdk, "DescribeVpcs", VpcId=created["VpcId"])["Vpcs"]["Vpc"][0]
    block = described["Ipv6CidrBlock"]
    assert described["EnabledIpv6"] and ipaddress.ip_network(block).prefixlen == 56
    vsw_id = vpc(
        sdk,
        "CreateVSwitch",
        VpcId=created["VpcId"],
        CidrBlock="10.0.0.0/24",
        ZoneId="cn-hangzhou-i",
        Ipv6CidrBlock=5,
    )["VSwitchId"]
    item = vswitches(sdk, VSwitchId=vsw_id)[0]
    sixty_four = ipaddress.ip_network(item["Ipv6CidrBlock"])
    assert list(ipaddress.ip_network(block).subnets(new_prefix=64))[5] == sixty_four
    assert item["RouteTable"]["RouteTableId"] == created["RouteTableId"]
    eni = sdk.create_eni(
        VSwitchId=vsw_id,
        SecurityGroupId=ecs(sdk, "CreateSecurityGroup", VpcId=created["VpcId"])["SecurityGroupId"],
        Ipv6AddressCount=1,
    )
    assert ipaddress.ip_address(eni["Ipv6Sets"]["Ipv6Set"][0]["Ipv6Address"]) in sixty_four
    fake_ecs.cloud.check_invariants()


def test_creation_is_pending_until_the_delay_passes(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.transition_delay = 5
    vpc_id = vpc(sdk, "CreateVpc", CidrBlock="10.0.0.0/8")["VpcId"]
    assert vpc(sdk, "DescribeVpcs", VpcId=vpc_id)["Vpcs"]["Vpc"][0]["Status"] == "Pending"
    fake_ecs.clock.advance(5)
    assert vpc(sdk, "DescribeVpcs", VpcId=vpc_id)["Vpcs"]["Vpc"][0]["Status"] == "Available"
    vsw_id = vpc(
        sdk, "CreateVSwitch", VpcId=vpc_id, CidrBlock="10.0.0.0/24", ZoneId="cn-hangzhou-h"
    )["VSwitchId"]
    assert vswitches(sdk, VSwitchId=vsw_id)[0]["Status"] == "Pending"
    fake_ecs.clock.advance(5)
    assert [v["Status"] for v in ecs(sdk, "DescribeVSwitches", VSwitchId=vsw_id)["VSwitches"][
        "VSwitch"
    ]] == ["Available"]  # fmt: skip


def test_client_token_replays_the_first_answer(fake_ecs: FakeEcs, sdk: Any) -> None:
    request = {"VpcId": fake_ecs.default_vpc.vpc_id, "ClientToken": "once"}
    first = ecs(sdk, "CreateSecurityGroup", **request)["SecurityGroupId"]
    assert ecs(sdk, "CreateSecurityGroup", **request)["SecurityGroupId"] == first
    vsw = {"CidrBlock": "172.16.9.0/24", "ZoneId": "cn-hangzhou-h", "ClientToken": "vsw-once"}
    vsw_id = vpc(sdk, "CreateVSwitch", VpcId=request["VpcId"], **vsw)["VSwitchId"]
    assert vpc(sdk, "CreateVSwitch", VpcId=request["VpcId"], **vsw)["VSwitchId"] == vsw_id
    assert len(fake_ecs.cloud.security_groups) == 2 and len(fake_ecs.cloud.vswitches) == 2


def test_vswitch_filters(fake_ecs: FakeEcs, sdk: Any) -> None:
    vpc_id = fake_ecs.default_vpc.vpc_id
    tagged = fake_ecs.add_vswitch(vpc_id, "172.16.1.0/24", zone_id="cn-hangzhou-i")
    tagged.tags["team"] = "net"  # the tag store's live entry
    named = vpc(
        sdk,
        "CreateVSwitch",
        VpcId=vpc_id,
        CidrBlock="172.16.2.0/24",
        ZoneId="cn-hangzhou-j",
        VSwitchName="named",
        Description="a vSwitch",
        Tag=[{"Key": "team", "Value": "other"}],
    )["VSwitchId"]
    ids = [v["VSwitchId"] for v in vswitches(sdk, VpcId=vpc_id, Tag=[{"Key": "team"}])]
    assert ids == [tagged.vswitch_id, named]
    only = vswitches(sdk, Tag=[{"Key": "team", "Value": "net"}])
    assert [v["VSwitchId"] for v in only] == [tagged.vswitch_id]
    assert only[0]["Tags"]["Tag"] == [{"Key": "team", "Value": "net"}]
    by_name = vswitches(sdk, VSwitchName="named")
    assert [(v["VSwitchId"], v["Description"]) for v in by_name] == [(named, "a vSwitch")]
    assert [v["VSwitchId"] for v in vswitches(sdk, ZoneId="cn-hangzhou-i")] == [tagged.vswitch_id]
    group = fake_ecs.default_resource_group_id
    assert len(vswitches(sdk, ResourceGroupId=group)) == 3
    assert vswitches(sdk, ResourceGroupId="rg-other") == []
    assert vswitches(sdk, IsDefault=True) == []
    page = vpc(sdk, "DescribeVSwitches", VpcId=vpc_id, PageSize=2, PageNumber=2)
    assert (page["TotalCount"], len(page["VSwitches"]["VSwitch"])) == (3, 1)
    ecs_page = ecs(sdk, "DescribeVSwitches", VpcId=vpc_id, PageSize=2)
    assert (ecs_page["TotalCount"], len(ecs_page["VSwitches"]["VSwitch"])) == (3, 2)


def test_security_group_filters_and_both_paging_styles(fake_ecs: FakeEcs, sdk: Any) -> None:
    vpc_id = fake_ecs.default_vpc.vpc_id
    made = [
        ecs(
            sdk,
            "CreateSecurityGroup",
            VpcId=vpc_id,
            SecurityGroupName=f"group-{i}",
            SecurityGroupType="enterprise" if i % 2 else "normal",
            Description=f"group number {i}",
            Tag=[{"Key": "n", "Value": str(i)}],
        )["SecurityGroupId"]
        for i in range(5)
    ]
    everyone = [fake_ecs.default_security_group.security_group_id, *made]
    pages = [groups(sdk, PageSize=2, PageNumber=n) for n in (1, 2, 3)]
    assert [g["SecurityGroupId"] for page in pages for g in page] == everyone
    seen, token = [], None
    while True:
        body = ecs(
            sdk, "DescribeSecurityGroups", MaxResults=2, **({"NextToken": token} if token else {})
        )
        seen += [g["SecurityGroupId"] for g in body["SecurityGroups"]["SecurityGroup"]]
        token = body["NextToken"]
        if not token:
            break
    assert seen == everyone
    enterprise = groups(sdk, SecurityGroupType="enterprise")
    assert [g["SecurityGroupId"] for g in enterprise] == [made[1], made[3]]
    tagged = groups(sdk, Tag=[{"Key": "n", "Value": "2"}])
    assert [g["SecurityGroupId"] for g in tagged] == [made[2]]
    assert tagged[0]["Tags"]["Tag"] == [{"TagKey": "n", "TagValue": "2"}]
    assert tagged[0]["Description"] == "group number 2" and tagged[0]["CreationTime"]
    assert fake_ecs.cloud.tags.of(made[2]) == {"n": "2"}
    picked = groups(sdk, SecurityGroupIds=json.dumps([made[0], made[4]]))
    assert [g["SecurityGroupId"] for g in picked] == [made[0], made[4]]
    assert [g["SecurityGroupName"] for g in groups(sdk, SecurityGroupName="group-3")] == ["group-3"]
    assert groups(sdk, VpcId="vpc-elsewhere") == []


def test_security_group_counts_and_attribute(fake_ecs: FakeEcs, sdk: Any) -> None:
    sg = fake_ecs.add_security_group(fake_ecs.default_vpc.vpc_id, rule_count=3, max_instances=10)
    sg_id = sg.security_group_id
    fake_ecs.add_instance(security_group_ids=[sg_id])
    sdk.create_eni(VSwitchId=fake_ecs.default_vswitch.vswitch_id, SecurityGroupId=sg_id)
    item = groups(sdk, SecurityGroupId=sg_id)[0]
    assert (item["EcsCount"], item["AvailableInstanceAmount"], item["RuleCount"]) == (2, 8, 3)
    body = ecs(sdk, "DescribeSecurityGroupAttribute", SecurityGroupId=sg_id)
    rules = body["Permissions"]["Permission"]
    assert (body["VpcId"], len(rules), len({r["SecurityGroupRuleId"] for r in rules})) == (
        fake_ecs.default_vpc.vpc_id,
        3,
        3,
    )


def test_regions_and_zones(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.add_region("cn-beijing", zone_ids=["cn-beijing-a", "cn-beijing-b"])
    regions = ecs(sdk, "DescribeRegions")["Regions"]["Region"]
    assert [r["RegionId"] for r in regions] == ["cn-hangzhou", "cn-beijing"]
    assert regions[1]["RegionEndpoint"] == "ecs.cn-beijing.aliyuncs.com"
    zones = ecs(sdk, "DescribeZones", RegionId="cn-beijing")["Zones"]["Zone"]
    assert [z["ZoneId"] for z in zones] == ["cn-beijing-a", "cn-beijing-b"]
