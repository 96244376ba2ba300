"""DescribeVpcs (VPC 2016-04-28): the VPCs of a region, with their vSwitches."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.paging import by_number
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import Paged, known_region
from pytest_fake_eni.cloud.state import Cloud, Vpc

ACTION = "DescribeVpcs"
PRODUCT = "Vpc"


class DescribeVpcsRequest(Paged):
    """The wire parameters of DescribeVpcs the fake filters on."""

    VpcId: str | None = None
    VpcName: str | None = None


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


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """DescribeVpcs: filter by id or name; pages of up to 50."""
    request = parse(DescribeVpcsRequest, params, keep_empty=frozenset())
    known_region(cloud, request)
    found = [
        v
        for v in cloud.vpcs.values()
        if v.region_id == request.RegionId
        and request.VpcId in (None, v.vpc_id)
        and request.VpcName in (None, v.name)
    ]
    page, body = by_number(found, request.PageNumber, request.PageSize)
    return {**body, "Vpcs": {"Vpc": [vpc_item(cloud, v) for v in page]}}
