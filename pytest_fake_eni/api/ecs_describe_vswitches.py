"""DescribeVSwitches on the ECS product (2014-05-26): the VPC call's state, ECS's shape."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.describe_vswitches import VSwitchFilter, select
from pytest_fake_eni.api.paging import by_number
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud, VSwitch

ACTION = "DescribeVSwitches"
PRODUCT = "Ecs"


def vswitch_item(vsw: VSwitch) -> dict[str, Any]:
    """A vSwitch as ECS's DescribeVSwitches returns it (the keys its Tea model reads)."""
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


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Filter by VPC, id or zone; pages of up to 50."""
    request = parse(VSwitchFilter, params, keep_empty=frozenset())
    page, body = by_number(select(cloud, request), request.PageNumber, request.PageSize)
    return {**body, "VSwitches": {"VSwitch": [vswitch_item(v) for v in page]}}
