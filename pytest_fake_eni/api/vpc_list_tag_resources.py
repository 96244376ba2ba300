"""ListTagResources (VPC 2016-04-28): the tags of vSwitches and VPCs, by id or tag.

The ECS action's items and filters; pages of ``MaxResults`` (1 to 50, default 50).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.list_tag_resources import ListTagResourcesRequest, listing
from pytest_fake_eni.api.paging import by_token
from pytest_fake_eni.api.tagging import VPC
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud.state import Cloud

ACTION = "ListTagResources"
PRODUCT = "Vpc"


class VpcListTagResourcesRequest(ListTagResourcesRequest):
    """The wire parameters of ListTagResources (VPC)."""

    MaxResults: WireInt = Field(50, ge=1, le=50)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, select, page."""
    request = parse(VpcListTagResourcesRequest, params, keep_empty=frozenset())
    tagging.region(cloud, request.RegionId, VPC)
    resource_type = tagging.vpc_type(request.ResourceType)
    items = listing(cloud, request, resource_type, VPC, refuse_other_product=False)
    page, paging = by_token(items, request.NextToken, request.MaxResults)
    return {**paging, "TagResources": {"TagResource": page}}
