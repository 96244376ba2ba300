"""UntagResources (ECS): remove tag keys (or, with ``All``, every tag) from resources.

A key a resource does not have is no error. Checks: region, ``ResourceType``,
``ResourceId.N`` (1 to 50), ``TagKey.N`` (at most 20, each once) or ``All=true``, then
every resource.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.tagging import ECS, TagCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import MAX_TAGS, TagStore
from pytest_fake_eni.errors import EcsError

ACTION = "UntagResources"
PRODUCT = "Ecs"


class UntagResourcesRequest(TagCall):
    """The wire parameters of UntagResources."""

    TagKey: list[str] | None = None
    All: bool = False


def keys_to_remove(
    keys: list[str] | None, remove_all: bool, codes: tagging.TagCodes
) -> list[str] | None:
    """``TagKey.N`` (at most 20, each once), or None for every tag when ``All`` is true."""
    if not keys:
        if not remove_all:
            raise EcsError(codes.no_tags, Parameter="TagKey.1")
        return None
    if len(keys) > MAX_TAGS:
        raise EcsError(codes.too_many_tags, Limit=MAX_TAGS)
    if codes.duplicate_key and len(set(keys)) != len(keys):
        raise EcsError(codes.duplicate_key)
    return keys


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, then remove the keys from every resource."""
    request = parse(UntagResourcesRequest, params, keep_empty=frozenset())
    region_id = tagging.region(cloud, request.RegionId, ECS)
    resource_type = tagging.ecs_type(request.ResourceType, tagging.LEGACY)
    ids = tagging.resource_ids(request.ResourceId, ECS)
    keys = keys_to_remove(request.TagKey, request.All, ECS)
    entries = tagging.resolve(cloud, ids, resource_type, region_id, _UNTAG)
    TagStore.untag(entries, keys)
    return {}


# UntagResources' table has no InvalidResourceId.NotSupported: any other id is not found.
_UNTAG = tagging.TagCodes(**{**ECS.__dict__, "not_supported": ECS.not_found})
