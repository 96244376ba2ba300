"""DeleteNetworkInterface: an Available ENI goes, its addresses back to the vSwitch."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.common import EniCallChecked
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DeleteNetworkInterface"
PRODUCT = "Ecs"


class DeleteNetworkInterfaceRequest(EniCallChecked):
    """The wire parameters of DeleteNetworkInterface."""


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and start the delete (``Deleting`` until ``transition_delay`` passes)."""
    request = parse(DeleteNetworkInterfaceRequest, params, keep_empty=frozenset())
    lifecycle.delete_eni(cloud, request.RegionId, request.NetworkInterfaceId)
    return {}
