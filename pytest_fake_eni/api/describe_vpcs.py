"""DescribeVpcs (VPC 2016-04-28): the VPCs of a region, with their vSwitches."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pytest_fake_eni.api.paging import TagFilter, by_number, tag_pairs
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import Paged, known_region, vpc_tags
from pytest_fake_eni.cloud.state import Cloud, Vpc
from pytest_fake_eni.cloud.tags import matches

ACTION = "DescribeVpcs"
PRODUCT = "Vpc"


class VpcFilter(Paged):
    """The filters both products' DescribeVpcs share."""

    VpcId: str | None = None
    IsDefault: bool | None = None


class DescribeVpcsRequest(VpcFilter):
    """The wire parameters of DescribeVpcs the fake filters on."""

    VpcName: str | None = None
    ResourceGroupId: str | None = None
    Tag: list[TagFilter] | None = Field(None, max_length=20)


def select(cloud: Cloud, request: VpcFilter) -> list[Vpc]:
    """The VPCs of the request's region its id filter selects."""
    known_region(cloud, request)
    if request.IsDefault:  # the fake has no default VPCs (CreateDefaultVpc)
        return []
    return [
        v
        for v in cloud.vpcs.values()
        if v.region_id == request.RegionId and request.VpcId in (None, v.vpc_id)
    ]


def vswitch_ids(cloud: Cloud, vpc: Vpc) -> dict[str, list[str]]:
    """``VSwitchIds.VSwitchId[]``: the VPC's vSwitches."""
    return {"VSwitchId": [v.vswitch_id for v in cloud.vswitches.values() if v.vpc_id == vpc.vpc_id]}


def base_item(cloud: Cloud, vpc: Vpc) -> dict[str, Any]:
    """A VPC's fields both products report."""
    return {
        "VpcId": vpc.vpc_id,
        "RegionId": vpc.region_id,
        "Status": vpc.status,
        "VpcName": vpc.name,
        "CidrBlock": vpc.cidr_block,
        "Description": vpc.description,
        "IsDefault": False,
        "CreationTime": vpc.creation_time,
        "VRouterId": vpc.vrouter_id,
        "VSwitchIds": vswitch_ids(cloud, vpc),
    }


def vpc_item(cloud: Cloud, vpc: Vpc) -> dict[str, Any]:
    """A VPC as DescribeVpcs returns it."""
    return {
        **base_item(cloud, vpc),
        "ResourceGroupId": vpc.resource_group_id,
        "OwnerId": int(cloud.account_id),
        "RouterTableIds": {"RouterTableIds": [vpc.route_table_id]},
        "EnabledIpv6": vpc.ipv6_cidr_block is not None,
        "Ipv6CidrBlock": vpc.ipv6_cidr_block or "",
        "Tags": vpc_tags(vpc.tags),
    }


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """DescribeVpcs: filter by id, name, resource group or tags; pages of up to 50."""
    request = parse(DescribeVpcsRequest, params, keep_empty=frozenset())
    tags = tag_pairs(request.Tag)
    found = [
        v
        for v in select(cloud, request)
        if request.VpcName in (None, v.name)
        and request.ResourceGroupId in (None, v.resource_group_id)
        and matches(v.tags, tags)
    ]
    page, body = by_number(found, request.PageNumber, request.PageSize)
    return {**body, "Vpcs": {"Vpc": [vpc_item(cloud, v) for v in page]}}
