"""ListTagResources (ECS): the tags of ENIs, instances or security groups, by id or tag.

One ``TagResources.TagResource[]`` item per tag (``ResourceId``, ``ResourceType``,
``TagKey``, ``TagValue``), 50 to a page, ``NextToken`` to the next (empty on the last).
A ``Tag.N`` filter keeps the resources that have every pair (a key alone: any value);
an id the fake does not know lists nothing. ``TagFilter.N`` (fuzzy search) is not read.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.paging import by_token
from pytest_fake_eni.api.tagging import ECS, TagCall, TagPair
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "ListTagResources"
PRODUCT = "Ecs"
PAGE_SIZE = 50


class ListTagResourcesRequest(TagCall):
    """The wire parameters of ListTagResources (ECS)."""

    Tag: list[TagPair] | None = None
    NextToken: str | None = None


def listing(
    cloud: Cloud,
    request: ListTagResourcesRequest,
    resource_type: str,
    codes: tagging.TagCodes,
    refuse_other_product: bool = True,
) -> list[dict[str, str]]:
    """The items a ListTagResources request selects, every page (ECS: an id of the other
    product is refused; VPC, which has no code for it: it lists nothing, as unknown ids)."""
    region_id = request.RegionId or ""
    ids = tagging.resource_ids(request.ResourceId, codes, required=False)
    wanted = tagging.tag_filter(request.Tag, codes)
    if not ids and not wanted:  # the request needs ResourceId.N or Tag.N
        raise EcsError(codes.no_tags, Parameter="ResourceId.1")
    if refuse_other_product:
        tagging.refuse_other_product(cloud, ids, resource_type, codes)
    entries = cloud.tags.entries(resource_type, region_id)
    return tagging.rows(entries, ids, wanted)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, select, page."""
    request = parse(ListTagResourcesRequest, params, keep_empty=frozenset())
    tagging.region(cloud, request.RegionId, ECS)
    resource_type = tagging.ecs_type(request.ResourceType)
    items = listing(cloud, request, resource_type, ECS)
    page, paging = by_token(items, request.NextToken, PAGE_SIZE)
    return {**paging, "TagResources": {"TagResource": page}}
