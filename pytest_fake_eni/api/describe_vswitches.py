"""DescribeVSwitches (VPC 2016-04-28): the vSwitches of a region or VPC, from the ledgers.

``AvailableIpAddressCount`` is the vSwitch ledger's live count, so it drops as
ENIs take addresses and rises as they give them back. The VPC SDKs page this call by
number only (its request and response models carry no ``NextToken``).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pytest_fake_eni.api.paging import TagFilter, by_number, tag_pairs
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import Paged, known_region, vpc_tags
from pytest_fake_eni.cloud.state import Cloud, VSwitch
from pytest_fake_eni.cloud.tags import matches
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeVSwitches"
PRODUCT = "Vpc"


class VSwitchFilter(Paged):
    """The filters both products' DescribeVSwitches share."""

    RegionId: str = ""
    VpcId: str | None = None
    VSwitchId: str | None = None
    ZoneId: str | None = None
    IsDefault: bool | None = None


class DescribeVSwitchesRequest(VSwitchFilter):
    """The wire parameters of DescribeVSwitches the fake filters on.

    ``RegionId`` may be left out when ``VpcId`` is given: the VPC's region is used.
    """

    VSwitchName: str | None = None
    ResourceGroupId: str | None = None
    Tag: list[TagFilter] | None = Field(None, max_length=20)


def select(cloud: Cloud, request: VSwitchFilter, **more: object) -> list[VSwitch]:
    """The vSwitches of the request's region its filters (and ``more``: attribute=value) select."""
    if not request.RegionId:
        if request.VpcId is None:  # the API needs one of the two
            raise EcsError("MissingParameter", Parameter="RegionId")
        vpc = cloud.vpcs.get(request.VpcId)
        # An unknown VPC selects nothing, as an unknown id does with RegionId given.
        request.RegionId = vpc.region_id if vpc else next(iter(cloud.regions))
    known_region(cloud, request)
    wanted = {
        "vpc_id": request.VpcId,
        "vswitch_id": request.VSwitchId,
        "zone_id": request.ZoneId,
        **more,
    }
    if request.IsDefault:  # the fake has no default vSwitches (CreateDefaultVSwitch)
        return []
    return [
        v
        for v in cloud.vswitches.values()
        if v.region_id == request.RegionId
        and all(want is None or getattr(v, name) == want for name, want in wanted.items())
    ]


def base_item(vsw: VSwitch) -> dict[str, Any]:
    """A vSwitch's fields both products report (all ECS's DescribeVSwitches has)."""
    return {
        "VSwitchId": vsw.vswitch_id,
        "VpcId": vsw.vpc_id,
        "Status": vsw.status,
        "CidrBlock": vsw.cidr_block,
        "ZoneId": vsw.zone_id,
        "AvailableIpAddressCount": vsw.available_ip_count,
        "Description": vsw.description,
        "VSwitchName": vsw.name,
        "CreationTime": vsw.creation_time,
        "IsDefault": False,
        "ResourceGroupId": vsw.resource_group_id,
    }


def vswitch_item(cloud: Cloud, vsw: VSwitch) -> dict[str, Any]:
    """A vSwitch as DescribeVSwitches returns it."""
    vpc = cloud.vpcs[vsw.vpc_id]
    return {
        **base_item(vsw),
        "OwnerId": int(cloud.account_id),
        "EnabledIpv6": vsw.ipv6_cidr_block is not None,
        "Ipv6CidrBlock": vsw.ipv6_cidr_block or "",
        "ShareType": "",
        "NetworkAclId": "",
        "Tags": vpc_tags(vsw.tags),
        "RouteTable": {"RouteTableId": vpc.route_table_id, "RouteTableType": "System"},
    }


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Filter by VPC, id, zone, name, resource group or tags; pages of up to 50."""
    request = parse(DescribeVSwitchesRequest, params, keep_empty=frozenset())
    found = select(
        cloud, request, name=request.VSwitchName, resource_group_id=request.ResourceGroupId
    )
    tags = tag_pairs(request.Tag)
    found = [v for v in found if matches(v.tags, tags)]
    page, body = by_number(found, request.PageNumber, request.PageSize)
    return {**body, "VSwitches": {"VSwitch": [vswitch_item(cloud, v) for v in page]}}
