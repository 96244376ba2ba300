"""TagResources (VPC 2016-04-28): add tags to vSwitches and VPCs, all or nothing.

The ECS action's rules with the VPC product's codes (``tagging.VPC``); ``ResourceType`` is
read in any case (``VSWITCH``, ``vswitch``). What it writes is the vSwitch's or VPC's entry
in the one tag store, which ListTagResources and every ``Tag.N`` filter read.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.tag_resources import TagResourcesRequest
from pytest_fake_eni.api.tagging import VPC
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud

ACTION = "TagResources"
PRODUCT = "Vpc"


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate every part, then tag every resource."""
    request = parse(TagResourcesRequest, params, keep_empty=frozenset({"Tag"}))
    tagging.tag(cloud, request, VPC, tagging.vpc_type)
    return {}
