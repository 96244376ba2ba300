"""TagResources (ECS): add tags to ENIs, instances or security groups, all or nothing.

Checks, in order: region, ``ResourceType``, ``ResourceId.N`` (1 to 50), ``Tag.N`` (1 to 20,
valid keys and values, each key once), every resource (of that type, in that region), then
the 20-tag quota of each resource counting the tags it has. An existing key takes its new
value.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.tagging import ECS, TagWrite
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud

ACTION = "TagResources"
PRODUCT = "Ecs"


class TagResourcesRequest(TagWrite):
    """The wire parameters of TagResources (ECS and VPC alike)."""


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate every part, then tag every resource."""
    request = parse(TagResourcesRequest, params, keep_empty=frozenset({"Tag"}))
    tagging.tag(cloud, request, ECS, tagging.ecs_type)
    return {}
