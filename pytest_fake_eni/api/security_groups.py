"""Request parts and the response shape shared by the ECS security-group actions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from pytest_fake_eni.api.vpc_common import ecs_tags
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.resources import SecurityGroup
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError


class RegionCall(BaseModel):
    """An ECS call in a region (``Forbidden.RegionId`` when the fake does not serve it)."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str


def served_region(cloud: Cloud, region_id: str) -> None:
    """``Forbidden.RegionId`` unless the fake serves ``region_id``."""
    if region_id not in cloud.regions:
        raise EcsError("Forbidden.RegionId", RegionId=region_id)


def group_item(cloud: Cloud, sg: SecurityGroup) -> dict[str, Any]:
    """A security group as DescribeSecurityGroups returns it.

    ``EcsCount``: its instances plus its ENIs (an instance's own primary ENI is the
    instance); ``AvailableInstanceAmount``: how many more members it takes.
    """
    instances, enis = network.group_members(cloud, sg)
    count = len(instances) + len(enis)
    return {
        "SecurityGroupId": sg.security_group_id,
        "SecurityGroupName": sg.name,
        "Description": sg.description,
        "VpcId": sg.vpc_id,
        "SecurityGroupType": sg.type,
        "CreationTime": sg.creation_time,
        "ResourceGroupId": sg.resource_group_id,
        "ServiceManaged": sg.managed_by is not None,
        "EcsCount": count,
        "AvailableInstanceAmount": max(sg.capacity - count, 0),
        "RuleCount": sg.rule_count,
        "GroupToGroupRuleCount": 0,
        "Tags": ecs_tags(sg.tags),
    }
