"""ReleaseEipAddress (VPC 2016-04-28): an ``Available`` EIP goes; its address returns
to its pool."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.eip_common import EipCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import eips
from pytest_fake_eni.cloud.state import Cloud

ACTION = "ReleaseEipAddress"
PRODUCT = "Vpc"


class ReleaseEipAddressRequest(EipCall):
    """The wire parameters of ReleaseEipAddress."""


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and release (refused while associated or between states)."""
    request = parse(ReleaseEipAddressRequest, params, keep_empty=frozenset())
    eips.release(cloud, request.region(cloud), request.AllocationId)
    return {}
