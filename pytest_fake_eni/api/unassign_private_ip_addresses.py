"""UnassignPrivateIpAddresses: secondary IPv4 addresses go back to the vSwitch."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from pytest_fake_eni.api.common import EniCall
from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "UnassignPrivateIpAddresses"
PRODUCT = "Ecs"


class UnassignPrivateIpAddressesRequest(EniCall):
    """The wire parameters of UnassignPrivateIpAddresses."""

    PrivateIpAddress: list[str] | None = Field(None, min_length=1, max_length=32)
    Ipv4Prefix: list[str] | None = Field(None, min_length=1, max_length=10)

    @model_validator(mode="after")
    def _something(self) -> UnassignPrivateIpAddressesRequest:
        if self.PrivateIpAddress is None and self.Ipv4Prefix is None:
            raise rule("MissingParameter", Parameter="PrivateIpAddress")
        return self


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and release the addresses, all or nothing."""
    request = parse(UnassignPrivateIpAddressesRequest, params, keep_empty=frozenset())
    lifecycle.unassign_private_ips(
        cloud,
        request.RegionId,
        request.NetworkInterfaceId,
        request.PrivateIpAddress or (),
        request.Ipv4Prefix or (),
    )
    return {}
