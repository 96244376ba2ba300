"""DetachNetworkInterface: a secondary ENI leaves its instance."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.common import EniCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DetachNetworkInterface"
PRODUCT = "Ecs"


class DetachNetworkInterfaceRequest(EniCall):
    """The wire parameters of DetachNetworkInterface."""

    InstanceId: str
    TrunkNetworkInstanceId: str | None = None


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and start the detach (``Detaching`` until ``transition_delay`` passes)."""
    request = parse(DetachNetworkInterfaceRequest, params, keep_empty=frozenset())
    lifecycle.detach(cloud, request.RegionId, request.NetworkInterfaceId, request.InstanceId)
    return {}
