"""DescribeInstanceAttribute: one instance's attributes (VPC, groups, type, status)."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.instance_render import InstanceCall, attribute_body
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import instances
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DescribeInstanceAttribute"
PRODUCT = "Ecs"


class DescribeInstanceAttributeRequest(InstanceCall):
    """The wire parameters of DescribeInstanceAttribute."""


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Find the instance (``InvalidInstanceId.NotFound`` when gone) and render it."""
    request = parse(DescribeInstanceAttributeRequest, params, keep_empty=frozenset())
    return attribute_body(cloud, instances.find(cloud, request.RegionId, request.InstanceId))
