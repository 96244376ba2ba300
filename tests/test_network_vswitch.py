"""ModifyVSwitchAttribute and the vSwitch CIDR reservations, through every SDK."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import ecs, vpc


def reservations(sdk: Any, vsw_id: str, **params: Any) -> list[dict[str, Any]]:
    body = vpc(sdk, "ListVSwitchCidrReservations", VSwitchId=vsw_id, **params)
    return list(body["VSwitchCidrReservations"])


def test_modify_name_description_and_ipv6(fake_ecs: FakeEcs, sdk: Any) -> None:
    vpc_id = vpc(sdk, "CreateVpc", CidrBlock="10.0.0.0/8", EnableIpv6=True)["VpcId"]
    vsw_id = vpc(
        sdk, "CreateVSwitch", VpcId=vpc_id, CidrBlock="10.0.0.0/24", ZoneId="cn-hangzhou-h"
    )["VSwitchId"]
    vpc(sdk, "ModifyVSwitchAttribute", VSwitchId=vsw_id, VSwitchName="renamed",
        Description="now with IPv6", EnableIPv6=True)  # fmt: skip
    item = vpc(sdk, "DescribeVSwitches", VSwitchId=vsw_id)["VSwitches"]["VSwitch"][0]
    assert (item["VSwitchName"], item["Description"], item["EnabledIpv6"]) == (
        "renamed",
        "now with IPv6",
        True,
    )
    eni = sdk.create_eni(
        VSwitchId=vsw_id,
        SecurityGroupId=fake_ecs.add_security_group(vpc_id).security_group_id,
        Ipv6AddressCount=1,
    )
    with pytest.raises(ApiFailure) as failure:  # an address is held: IPv6 stays
        vpc(sdk, "ModifyVSwitchAttribute", VSwitchId=vsw_id, EnableIPv6=False)
    assert failure.value.code == "InvalidParameter"
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni["NetworkInterfaceId"])
    vpc(sdk, "ModifyVSwitchAttribute", VSwitchId=vsw_id, EnableIPv6=False)
    assert fake_ecs.cloud.vswitches[vsw_id].ipv6_cidr_block is None
    fake_ecs.cloud.check_invariants()


def test_reservations_are_where_prefixes_come_from(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.add_vswitch(
        fake_ecs.default_vpc.vpc_id, "172.16.1.0/24", reserved_cidr_blocks=["172.16.1.64/26"]
    )
    fixture_made = reservations(sdk, vsw.vswitch_id)
    assert [(r["VSwitchCidrReservationCidr"], r["AvailableCidrCount"]) for r in fixture_made] == [
        ("172.16.1.64/26", 4)
    ]
    made = vpc(
        sdk,
        "CreateVSwitchCidrReservation",
        VSwitchId=vsw.vswitch_id,
        VSwitchCidrReservationMask=28,
        VSwitchCidrReservationName="api",
        Tag=[{"Key": "k", "Value": "v"}],
    )["VSwitchCidrReservationId"]
    listed = reservations(sdk, vsw.vswitch_id, VSwitchCidrReservationIds=[made])
    assert [(r["VSwitchCidrReservationCidr"], r["Tags"]) for r in listed] == [
        ("172.16.1.16/28", [{"Key": "k", "Value": "v"}])
    ]
    assert vsw.reserved_cidr_blocks == ("172.16.1.64/26", "172.16.1.16/28")
    eni = sdk.create_eni(
        VSwitchId=vsw.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
        Ipv4PrefixCount=1,
    )
    prefix = eni["Ipv4PrefixSets"]["Ipv4PrefixSet"][0]["Ipv4Prefix"]
    holder = next(r for r in reservations(sdk, vsw.vswitch_id) if r["AssignedCidrCount"])
    assert prefix.startswith("172.16.1.") and holder["AvailableCidrCount"] in (0, 3)
    with pytest.raises(ApiFailure) as failure:
        vpc(sdk, "DeleteVSwitchCidrReservation",
            VSwitchCidrReservationId=holder["VSwitchCidrReservationId"])  # fmt: skip
    assert (failure.value.code, failure.value.status) == ("DependencyViolation", 400)
    other = next(r for r in reservations(sdk, vsw.vswitch_id) if not r["AssignedCidrCount"])
    vpc(sdk, "DeleteVSwitchCidrReservation",
        VSwitchCidrReservationId=other["VSwitchCidrReservationId"])  # fmt: skip
    assert len(reservations(sdk, vsw.vswitch_id, MaxResults=1)) == 1
    fake_ecs.cloud.check_invariants()
