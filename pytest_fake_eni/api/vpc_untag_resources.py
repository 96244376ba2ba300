"""UnTagResources (VPC 2016-04-28; note the capital T): remove tags from vSwitches and VPCs.

``TagKey.N`` (at most 20, valid keys, each once) or ``All=true``; a key a resource does
not have is no error.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.tagging import VPC
from pytest_fake_eni.api.untag_resources import UntagResourcesRequest, keys_to_remove
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import TagStore, bad_key
from pytest_fake_eni.errors import EcsError

ACTION = "UnTagResources"
PRODUCT = "Vpc"


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, then remove the keys from every resource."""
    request = parse(UntagResourcesRequest, params, keep_empty=frozenset())
    region_id = tagging.region(cloud, request.RegionId, VPC)
    resource_type = tagging.vpc_type(request.ResourceType)
    ids = tagging.resource_ids(request.ResourceId, VPC)
    keys = keys_to_remove(request.TagKey, request.All, VPC)
    for key in keys or ():
        if bad_key(key):
            raise EcsError(VPC.bad_key, Key=key)
    entries = tagging.resolve(cloud, ids, resource_type, region_id, VPC)
    TagStore.untag(entries, keys)
    return {}
