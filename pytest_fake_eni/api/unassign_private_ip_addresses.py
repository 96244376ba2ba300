"""UnassignPrivateIpAddresses: secondary IPv4 addresses go back to the vSwitch."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pytest_fake_eni.api.common import EniCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "UnassignPrivateIpAddresses"


class UnassignPrivateIpAddressesRequest(EniCall):
    """The wire parameters of UnassignPrivateIpAddresses (IPv4 prefixes are not modelled yet)."""

    PrivateIpAddress: list[str] = Field(min_length=1, max_length=32)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and release the addresses, all or nothing."""
    request = parse(UnassignPrivateIpAddressesRequest, params, keep_empty=frozenset())
    lifecycle.unassign_private_ips(
        cloud, request.RegionId, request.NetworkInterfaceId, request.PrivateIpAddress
    )
    return {}
