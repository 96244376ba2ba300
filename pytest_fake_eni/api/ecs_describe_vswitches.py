"""DescribeVSwitches on the ECS product (2014-05-26): the VPC call's state, ECS's shape."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.describe_vswitches import VSwitchFilter, base_item, select
from pytest_fake_eni.api.paging import by_number
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DescribeVSwitches"
PRODUCT = "Ecs"


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Filter by VPC, id or zone; pages of up to 50; the keys ECS's Tea model reads."""
    request = parse(VSwitchFilter, params, keep_empty=frozenset())
    page, body = by_number(select(cloud, request), request.PageNumber, request.PageSize)
    return {**body, "VSwitches": {"VSwitch": [base_item(v) for v in page]}}
