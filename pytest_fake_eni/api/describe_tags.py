"""DescribeTags (ECS, the older call): the distinct tags of a region's ECS resources.

One ``Tags.Tag[]`` item per distinct ``TagKey``/``TagValue`` pair, with
``ResourceTypeCount`` (how many instances, security groups and ENIs carry it; the types
the fake does not hold count 0). Narrowed by ``ResourceType``, ``ResourceId`` and
``Tag.N`` (a pair matching any of them; a key alone: any value); ``Category`` is not read.
Pages of ``PageSize`` (1 to 100, default 50).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.paging import by_number
from pytest_fake_eni.api.tagging import LEGACY, TagCall, TagPair
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import ECS_TYPES

ACTION = "DescribeTags"
PRODUCT = "Ecs"
_COUNTED = {"instance": "Instance", "securitygroup": "Securitygroup", "eni": "Eni"}
_NOT_HELD = (
    "Ddh", "Disk", "Image", "KeyPair", "LaunchTemplate", "ReservedInstance", "Snapshot",
    "SnapshotPolicy", "Volume",
)  # fmt: skip


class DescribeTagsRequest(TagCall):
    """The wire parameters of DescribeTags."""

    Tag: list[TagPair] | None = None
    PageNumber: WireInt = Field(1, ge=1)
    PageSize: WireInt = Field(50, ge=1, le=100)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, gather the distinct pairs, count, page."""
    request = parse(DescribeTagsRequest, params, keep_empty=frozenset())
    region_id = tagging.region(cloud, request.RegionId, LEGACY)
    types: tuple[str, ...] = ECS_TYPES
    if request.ResourceType is not None:
        types = (tagging.ecs_type(request.ResourceType, LEGACY),)
    wanted = tagging.tag_filter(request.Tag, LEGACY)
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for entry in cloud.tags.entries(region_id=region_id):
        if entry.resource_type not in types:
            continue
        if request.ResourceId and entry.resource_id not in request.ResourceId:
            continue
        for pair in entry.tags.items():
            if wanted and not any(k == pair[0] and v in (None, pair[1]) for k, v in wanted):
                continue
            by_type = counts.setdefault(pair, dict.fromkeys(_COUNTED.values(), 0))
            by_type[_COUNTED[entry.resource_type]] += 1
    items = [
        {"TagKey": key, "TagValue": value, "ResourceTypeCount": {**by_type, **_zeros()}}
        for (key, value), by_type in counts.items()
    ]
    page, body = by_number(items, request.PageNumber, request.PageSize)
    return {**body, "Tags": {"Tag": page}}


def _zeros() -> dict[str, int]:
    return dict.fromkeys(_NOT_HELD, 0)
