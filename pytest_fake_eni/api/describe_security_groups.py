"""DescribeSecurityGroups: the groups of a region, filtered, in either paging style."""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field, field_validator

from pytest_fake_eni.api.paging import TagFilter, by_number, by_token, tag_pairs
from pytest_fake_eni.api.security_groups import RegionCall, group_item, served_region
from pytest_fake_eni.api.validation import WireInt, parse, rule
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import matches
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeSecurityGroups"
PRODUCT = "Ecs"


class DescribeSecurityGroupsRequest(RegionCall):
    """The filters and paging of DescribeSecurityGroups (``FuzzyQuery``, ``IsQueryEcsCount``:
    ignored; the counts are always given)."""

    VpcId: str | None = None
    SecurityGroupId: str | None = None
    SecurityGroupIds: list[str] | None = Field(None, max_length=100)
    SecurityGroupName: str | None = None
    SecurityGroupType: str | None = None
    NetworkType: str | None = None
    ResourceGroupId: str | None = None
    ServiceManaged: bool | None = None
    Tag: list[TagFilter] | None = Field(None, max_length=20)
    DryRun: bool = False
    PageNumber: WireInt = Field(1, ge=1)
    PageSize: WireInt = Field(10, ge=1, le=50)
    NextToken: str | None = None
    MaxResults: WireInt | None = Field(None, ge=1, le=100)

    @field_validator("SecurityGroupIds", mode="before")
    @classmethod
    def _json_ids(cls, value: object) -> object:
        # A JSON array in one parameter, e.g. '["sg-1", "sg-2"]'.
        if not isinstance(value, str):
            return value
        try:
            ids = json.loads(value)
        except ValueError:
            raise rule("InvalidParameter", Parameter="SecurityGroupIds") from None
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise rule("InvalidParameter", Parameter="SecurityGroupIds")
        return ids


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Filter, then page by number or (``NextToken``/``MaxResults``) by token."""
    request = parse(DescribeSecurityGroupsRequest, params, keep_empty=frozenset())
    served_region(cloud, request.RegionId)
    if request.DryRun:
        raise EcsError("DryRunOperation")
    wanted = tag_pairs(request.Tag)
    ids = set(request.SecurityGroupIds) if request.SecurityGroupIds is not None else None
    found = [
        sg
        for sg in cloud.security_groups.values()
        if sg.region_id == request.RegionId
        and request.VpcId in (None, sg.vpc_id)
        and request.SecurityGroupId in (None, sg.security_group_id)
        and (ids is None or sg.security_group_id in ids)
        and request.SecurityGroupName in (None, sg.name)
        and request.SecurityGroupType in (None, sg.type)
        and request.NetworkType in (None, sg.network)
        and request.ResourceGroupId in (None, sg.resource_group_id)
        and request.ServiceManaged in (None, sg.managed_by is not None)
        and matches(sg.tags, wanted)
    ]
    body: dict[str, Any]
    if request.NextToken is not None or request.MaxResults is not None:
        page, body = by_token(found, request.NextToken, request.MaxResults or 10)
    else:
        page, body = by_number(found, request.PageNumber, request.PageSize)
    groups = [group_item(cloud, sg) for sg in page]
    return {**body, "RegionId": request.RegionId, "SecurityGroups": {"SecurityGroup": groups}}
