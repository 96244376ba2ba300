"""RemoveTags (ECS, the older single-resource call): remove tags from one resource.

``Tag.N.Key`` names a tag to remove (at most 20); with ``Tag.N.Value`` only while the tag
has that value. A tag the resource does not have is no error.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.tagging import LEGACY, TagWrite
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import MAX_TAGS, TagStore
from pytest_fake_eni.errors import EcsError

ACTION = "RemoveTags"
PRODUCT = "Ecs"


class RemoveTagsRequest(TagWrite):
    """The wire parameters of RemoveTags (``ResourceId`` is one id)."""


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, then remove the matching tags."""
    request = parse(RemoveTagsRequest, params, keep_empty=frozenset({"Tag"}))
    region_id = tagging.region(cloud, request.RegionId, LEGACY)
    resource_type = tagging.ecs_type(request.ResourceType, LEGACY)
    ids = tagging.resource_ids(request.ResourceId[:1] if request.ResourceId else None, LEGACY)
    pairs = request.Tag or []
    if not pairs:
        raise EcsError("MissingParameter", Parameter="Tag.1.Key")
    if len(pairs) > MAX_TAGS:
        raise EcsError("InvalidTagCount", Limit=MAX_TAGS)
    for index, pair in enumerate(pairs, 1):
        if pair.Key is None:
            raise EcsError("MissingParameter", Parameter=f"Tag.{index}.Key")
    (entry,) = tagging.resolve(cloud, ids, resource_type, region_id, LEGACY)
    gone = [p.Key for p in pairs if p.Key and p.Value in (None, entry.tags.get(p.Key))]
    TagStore.untag([entry], gone)
    return {}
