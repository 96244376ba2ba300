"""AddTags (ECS, the older single-resource call): add tags to one resource.

TagResources' rules for one ``ResourceId``, with AddTags' own codes (``tagging.LEGACY``):
more than 20 ``Tag.N`` is ``InvalidTagCount``; a key named twice takes its last value.
"""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api import tagging
from pytest_fake_eni.api.tagging import LEGACY, TagWrite
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud.state import Cloud

ACTION = "AddTags"
PRODUCT = "Ecs"


class AddTagsRequest(TagWrite):
    """The wire parameters of AddTags (``ResourceId`` is one id)."""


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, then tag the resource."""
    request = parse(AddTagsRequest, params, keep_empty=frozenset({"Tag"}))
    tagging.tag(cloud, request, LEGACY, tagging.ecs_type, single=True)
    return {}
