"""ModifyEipAddressAttribute (VPC 2016-04-28): an EIP's name, description and bandwidth."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.eip_common import EipCall, Named
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud import eips
from pytest_fake_eni.cloud.state import Cloud

ACTION = "ModifyEipAddressAttribute"
PRODUCT = "Vpc"


class ModifyEipAddressAttributeRequest(EipCall, Named):
    """The wire parameters of ModifyEipAddressAttribute."""

    Bandwidth: WireInt | None = None


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and change what the request names."""
    request = parse(ModifyEipAddressAttributeRequest, params, keep_empty=frozenset())
    changes = eips.EipChanges(request.Bandwidth, request.Name, request.Description)
    eips.modify(cloud, request.region(cloud), request.AllocationId, changes)
    return {}
