"""VPCs, vSwitches and security groups built, used, refused and torn down through the API
only, through every SDK (Tea ACS3, Tea V1, legacy; the VPC SDK of the same family)."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import ecs, vpc


def refused(call: Any, *args: Any, **params: Any) -> tuple[str, int]:
    """The code and status a call that must fail answers."""
    with pytest.raises(ApiFailure) as failure:
        call(*args, **params)
    return failure.value.code, failure.value.status


def test_build_use_refuse_and_tear_down_a_network(fake_ecs: FakeEcs, sdk: Any) -> None:
    vpc_id = vpc(sdk, "CreateVpc", CidrBlock="10.0.0.0/8", VpcName="net-test")["VpcId"]
    vsw_a = vpc(
        sdk, "CreateVSwitch", VpcId=vpc_id, CidrBlock="10.1.0.0/24", ZoneId="cn-hangzhou-h"
    )["VSwitchId"]
    vsw_b = vpc(
        sdk, "CreateVSwitch", VpcId=vpc_id, CidrBlock="10.2.0.0/24", ZoneId="cn-hangzhou-i"
    )["VSwitchId"]
    sg_id = ecs(sdk, "CreateSecurityGroup", VpcId=vpc_id, SecurityGroupName="net-sg")[
        "SecurityGroupId"
    ]

    # Listed by both products, from the same objects the fixture would create.
    listed = vpc(sdk, "DescribeVSwitches", VpcId=vpc_id)["VSwitches"]["VSwitch"]
    assert [v["VSwitchId"] for v in listed] == [vsw_a, vsw_b]
    assert [v["VSwitchId"] for v in ecs(sdk, "DescribeVSwitches", VpcId=vpc_id)["VSwitches"][
        "VSwitch"
    ]] == [vsw_a, vsw_b]  # fmt: skip
    assert ecs(sdk, "DescribeVpcs", VpcId=vpc_id)["Vpcs"]["Vpc"][0]["VpcName"] == "net-test"
    groups = ecs(sdk, "DescribeSecurityGroups", VpcId=vpc_id)["SecurityGroups"]["SecurityGroup"]
    assert [(g["SecurityGroupId"], g["SecurityGroupName"]) for g in groups] == [(sg_id, "net-sg")]
    assert fake_ecs.cloud.vswitches[vsw_a].cidr_block == "10.1.0.0/24"

    # ENIs in both vSwitches; the one in vsw_a attached to an instance there.
    instance = fake_ecs.add_instance(vswitch_id=vsw_a, security_group_ids=[sg_id])
    eni_a = sdk.create_eni(VSwitchId=vsw_a, SecurityGroupId=sg_id)["NetworkInterfaceId"]
    eni_b = sdk.create_eni(VSwitchId=vsw_b, SecurityGroupId=sg_id)["NetworkInterfaceId"]
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_a, InstanceId=instance.instance_id)
    groups = ecs(sdk, "DescribeSecurityGroups", SecurityGroupId=sg_id)["SecurityGroups"]
    assert groups["SecurityGroup"][0]["EcsCount"] == 3  # the instance and two ENIs

    # Nothing in use can go, each with its documented code and status.
    assert refused(ecs, sdk, "DeleteSecurityGroup", SecurityGroupId=sg_id) == (
        "DependencyViolation",
        403,
    )
    for vsw_id in (vsw_a, vsw_b):
        assert refused(vpc, sdk, "DeleteVSwitch", VSwitchId=vsw_id) == ("DependencyViolation", 400)
    assert refused(vpc, sdk, "DeleteVpc", VpcId=vpc_id) == ("DependencyViolation.Instance", 400)

    # Torn down in order; each step frees the next.
    ecs(sdk, "DetachNetworkInterface", NetworkInterfaceId=eni_a, InstanceId=instance.instance_id)
    for eni_id in (eni_a, eni_b):
        ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    assert refused(ecs, sdk, "DeleteSecurityGroup", SecurityGroupId=sg_id)[0] == (
        "DependencyViolation"
    )  # the instance is still a member
    fake_ecs.release_instance(instance.instance_id)
    assert refused(vpc, sdk, "DeleteVpc", VpcId=vpc_id)[0] == "DependencyViolation.VSwitch"
    vpc(sdk, "DeleteVSwitch", VSwitchId=vsw_a)
    vpc(sdk, "DeleteVSwitch", VSwitchId=vsw_b)
    assert refused(vpc, sdk, "DeleteVpc", VpcId=vpc_id)[0] == "DependencyViolation.SecurityGroup"
    ecs(sdk, "DeleteSecurityGroup", SecurityGroupId=sg_id)
    vpc(sdk, "DeleteVpc", VpcId=vpc_id)

    assert vpc(sdk, "DescribeVpcs", VpcId=vpc_id)["Vpcs"]["Vpc"] == []
    assert vpc(sdk, "DescribeVSwitches", VpcId=vpc_id)["VSwitches"]["VSwitch"] == []
    assert ecs(sdk, "DescribeSecurityGroups", VpcId=vpc_id)["SecurityGroups"]["SecurityGroup"] == []
    assert vpc_id not in fake_ecs.cloud.vpcs and len(fake_ecs.cloud.tags.entries("VPC")) == 1
    fake_ecs.cloud.check_invariants()


def test_fixture_and_api_objects_are_the_same(fake_ecs: FakeEcs, sdk: Any) -> None:
    fixture_vpc = fake_ecs.add_vpc("10.0.0.0/8")
    api_vpc = vpc(sdk, "CreateVpc", CidrBlock="192.168.0.0/16")["VpcId"]
    fixture_vsw = fake_ecs.add_vswitch(api_vpc, "192.168.1.0/24")
    api_vsw = vpc(
        sdk,
        "CreateVSwitch",
        VpcId=fixture_vpc.vpc_id,
        CidrBlock="10.0.1.0/24",
        ZoneId="cn-hangzhou-j",
    )["VSwitchId"]
    vpcs = {v["VpcId"]: v for v in vpc(sdk, "DescribeVpcs", PageSize=50)["Vpcs"]["Vpc"]}
    assert vpcs[api_vpc]["VSwitchIds"]["VSwitchId"] == [fixture_vsw.vswitch_id]
    assert vpcs[fixture_vpc.vpc_id]["VSwitchIds"]["VSwitchId"] == [api_vsw]
    # The API's rules are the fixture's: an overlapping CIDR is refused by both.
    with pytest.raises(ValueError, match="overlaps"):
        fake_ecs.add_vswitch(fixture_vpc.vpc_id, "10.0.1.128/25")
    assert refused(
        vpc, sdk, "CreateVSwitch", VpcId=api_vpc, CidrBlock="192.168.1.0/25", ZoneId="cn-hangzhou-h"
    ) == ("InvalidCidrBlock.Overlapped", 400)
    sg = fake_ecs.add_security_group(api_vpc)
    assert refused(vpc, sdk, "DeleteVpc", VpcId=api_vpc)[0] == "DependencyViolation.VSwitch"
    ecs(sdk, "DeleteSecurityGroup", SecurityGroupId=sg.security_group_id)
    assert sg.security_group_id not in fake_ecs.cloud.security_groups
