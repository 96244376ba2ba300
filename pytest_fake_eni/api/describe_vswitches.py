"""DescribeVSwitches (VPC 2016-04-28): the vSwitches of a region or VPC, from the ledgers.

``AvailableIpAddressCount`` is the vSwitch ledger's live count, so it drops as
ENIs take addresses and rises as they give them back.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.paging import by_number
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import Paged, known_region
from pytest_fake_eni.cloud.state import Cloud, VSwitch
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeVSwitches"
PRODUCT = "Vpc"


class DescribeVSwitchesRequest(Paged):
    """The wire parameters of DescribeVSwitches the fake filters on.

    ``RegionId`` may be left out when ``VpcId`` is given: the VPC's region is used.
    """

    RegionId: str = ""
    VpcId: str | None = None
    VSwitchId: str | None = None
    ZoneId: str | None = None
    VSwitchName: str | None = None


def vswitch_item(cloud: Cloud, vsw: VSwitch) -> dict[str, Any]:
    """A vSwitch as DescribeVSwitches returns it."""
    return {
        "VSwitchId": vsw.vswitch_id,
        "VpcId": vsw.vpc_id,
        "Status": vsw.status,
        "CidrBlock": vsw.cidr_block,
        "ZoneId": vsw.zone_id,
        "AvailableIpAddressCount": vsw.available_ip_count,
        "Description": "",
        "VSwitchName": vsw.name,
        "CreationTime": cloud.clock.timestamp(),
        "IsDefault": False,
        "ResourceGroupId": cloud.default_resource_group_id,
        "OwnerId": int(cloud.account_id),
        "EnabledIpv6": False,
        "Ipv6CidrBlock": "",
        "ShareType": "",
        "Tags": {"Tag": []},
        "RouteTable": {"RouteTableId": "", "RouteTableType": "System"},
    }


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """DescribeVSwitches: filter by VPC, id, zone or name; pages of up to 50."""
    request = parse(DescribeVSwitchesRequest, params, keep_empty=frozenset())
    if not request.RegionId:
        if request.VpcId is None:  # the API needs one of the two
            raise EcsError("MissingParameter", Parameter="RegionId")
        vpc = cloud.vpcs.get(request.VpcId)
        # An unknown VPC selects nothing, as an unknown id does with RegionId given.
        request.RegionId = vpc.region_id if vpc else next(iter(cloud.regions))
    known_region(cloud, request)
    wanted = (
        (request.VpcId, "vpc_id"),
        (request.VSwitchId, "vswitch_id"),
        (request.ZoneId, "zone_id"),
        (request.VSwitchName, "name"),
    )
    found = [
        v
        for v in cloud.vswitches.values()
        if v.region_id == request.RegionId
        and all(want is None or getattr(v, name) == want for want, name in wanted)
    ]
    page, body = by_number(found, request.PageNumber, request.PageSize)
    return {**body, "VSwitches": {"VSwitch": [vswitch_item(cloud, v) for v in page]}}
