"""AddTags (ECS, the older single-resource call): add tags to one resource.

TagResources' rules for one ``ResourceId``, with AddTags' own codes (``tagging.LEGACY``):
more than 20 ``Tag.N`` is ``InvalidTagCount``; a key named twice takes its last value.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.tag_resources import TagResourcesRequest
from pytest_fake_eni.api.tagging import LEGACY
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud

ACTION = "AddTags"
PRODUCT = "Ecs"


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, then tag the resource."""
    request = parse(TagResourcesRequest, params, keep_empty=frozenset({"Tag"}))
    region_id = tagging.region(cloud, request.RegionId, LEGACY)
    resource_type = tagging.ecs_type(request.ResourceType, LEGACY)
    ids = tagging.resource_ids(request.ResourceId[:1] if request.ResourceId else None, LEGACY)
    tags = tagging.new_tags(request.Tag, LEGACY)
    entries = tagging.resolve(cloud, ids, resource_type, region_id, LEGACY)
    tagging.write(entries, tags, LEGACY)
    return {}
