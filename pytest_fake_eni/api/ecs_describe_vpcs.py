"""DescribeVpcs on the ECS product (2014-05-26): the VPC call's state, ECS's shape."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.describe_vpcs import VpcFilter, base_item, select
from pytest_fake_eni.api.paging import by_number
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud, Vpc

ACTION = "DescribeVpcs"
PRODUCT = "Ecs"


def vpc_item(cloud: Cloud, vpc: Vpc) -> dict[str, Any]:
    """A VPC as ECS's DescribeVpcs returns it (the keys its Tea model reads)."""
    return {**base_item(cloud, vpc), "UserCidrs": {"UserCidr": []}}


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Filter by id; pages of up to 50."""
    request = parse(VpcFilter, params, keep_empty=frozenset())
    page, body = by_number(select(cloud, request), request.PageNumber, request.PageSize)
    return {**body, "Vpcs": {"Vpc": [vpc_item(cloud, v) for v in page]}}
