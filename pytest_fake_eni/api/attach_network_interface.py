"""AttachNetworkInterface: an Available ENI joins a Running or Stopped instance."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pytest_fake_eni.api.common import EniCall
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "AttachNetworkInterface"
PRODUCT = "Ecs"


class AttachNetworkInterfaceRequest(EniCall):
    """The wire parameters of AttachNetworkInterface."""

    InstanceId: str
    NetworkCardIndex: WireInt | None = Field(None, ge=0)
    TrunkNetworkInstanceId: str | None = None
    WaitForNetworkConfigurationReady: bool | None = None


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and start the attach (``Attaching`` until ``transition_delay`` passes)."""
    request = parse(AttachNetworkInterfaceRequest, params, keep_empty=frozenset())
    lifecycle.attach(cloud, request.RegionId, request.NetworkInterfaceId, request.InstanceId)
    return {}
