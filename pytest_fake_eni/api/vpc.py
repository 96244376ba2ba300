"""The VPC product (2016-04-28): DescribeVSwitches and DescribeVpcs, from the same state.

``AvailableIpAddressCount`` is the vSwitch ledger's live count, so it drops as
ENIs take addresses and rises as they give them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud, Vpc, VSwitch
from pytest_fake_eni.errors import EcsError

DESCRIBE_VSWITCHES = "DescribeVSwitches"
DESCRIBE_VPCS = "DescribeVpcs"


class _Paged(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    PageNumber: int = Field(1, ge=1)
    PageSize: int = Field(10, ge=1, le=50)
    DryRun: bool = False


class DescribeVSwitchesRequest(_Paged):
    """The wire parameters of DescribeVSwitches the fake filters on.

    ``RegionId`` may be left out when ``VpcId`` is given: the VPC's region is used.
    """

    RegionId: str = ""
    VpcId: str | None = None
    VSwitchId: str | None = None
    ZoneId: str | None = None
    VSwitchName: str | None = None


class DescribeVpcsRequest(_Paged):
    """The wire parameters of DescribeVpcs the fake filters on."""

    VpcId: str | None = None
    VpcName: str | None = None


def _page(request: _Paged, items: Sequence[Any]) -> dict[str, Any]:
    start = (request.PageNumber - 1) * request.PageSize
    return {
        "TotalCount": len(items),
        "PageNumber": request.PageNumber,
        "PageSize": request.PageSize,
        "_items": items[start : start + request.PageSize],
    }


def _known_region(cloud: Cloud, request: _Paged) -> None:
    if request.RegionId not in cloud.regions:
        raise EcsError("Forbidden.RegionId", RegionId=request.RegionId)
    if request.DryRun:  # every check passed: the dry run stops here
        raise EcsError("DryRunOperation")


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


def describe_vswitches(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """DescribeVSwitches: filter by VPC, id, zone or name; pages of up to 50."""
    request = parse(DescribeVSwitchesRequest, params, keep_empty=frozenset())
    with cloud.lock:
        if not request.RegionId:
            if request.VpcId is None:  # the API needs one of the two
                raise EcsError("MissingParameter", Parameter="RegionId")
            vpc = cloud.vpcs.get(request.VpcId)
            # An unknown VPC selects nothing, as an unknown id does with RegionId given.
            request.RegionId = vpc.region_id if vpc else next(iter(cloud.regions))
        _known_region(cloud, request)
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
        body = _page(request, found)
        items = [vswitch_item(cloud, v) for v in body.pop("_items")]
        return {**body, "VSwitches": {"VSwitch": items}}


def vpc_item(cloud: Cloud, vpc: Vpc) -> dict[str, Any]:
    """A VPC as DescribeVpcs returns it."""
    vswitch_ids = [v.vswitch_id for v in cloud.vswitches.values() if v.vpc_id == vpc.vpc_id]
    return {
        "VpcId": vpc.vpc_id,
        "RegionId": vpc.region_id,
        "Status": "Available",
        "VpcName": vpc.name,
        "CidrBlock": vpc.cidr_block,
        "Description": "",
        "IsDefault": False,
        "ResourceGroupId": cloud.default_resource_group_id,
        "OwnerId": int(cloud.account_id),
        "CreationTime": cloud.clock.timestamp(),
        "VSwitchIds": {"VSwitchId": vswitch_ids},
        "Ipv6CidrBlock": "",
        "Tags": {"Tag": []},
    }


def describe_vpcs(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """DescribeVpcs: filter by id or name; pages of up to 50."""
    request = parse(DescribeVpcsRequest, params, keep_empty=frozenset())
    with cloud.lock:
        _known_region(cloud, request)
        found = [
            v
            for v in cloud.vpcs.values()
            if v.region_id == request.RegionId
            and request.VpcId in (None, v.vpc_id)
            and request.VpcName in (None, v.name)
        ]
        body = _page(request, found)
        items = [vpc_item(cloud, v) for v in body.pop("_items")]
        return {**body, "Vpcs": {"Vpc": items}}
