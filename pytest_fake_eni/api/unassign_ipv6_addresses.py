"""UnassignIpv6Addresses: IPv6 addresses and /80 prefixes go back to the vSwitch."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from pytest_fake_eni.api.common import EniCall
from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "UnassignIpv6Addresses"
PRODUCT = "Ecs"


class UnassignIpv6AddressesRequest(EniCall):
    """The wire parameters of UnassignIpv6Addresses."""

    Ipv6Address: list[str] | None = Field(None, min_length=1, max_length=10)
    Ipv6Prefix: list[str] | None = Field(None, min_length=1, max_length=10)

    @model_validator(mode="after")
    def _something(self) -> UnassignIpv6AddressesRequest:
        if self.Ipv6Address is None and self.Ipv6Prefix is None:
            raise rule("MissingParameter", Parameter="Ipv6Address")
        return self


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and release, all or nothing."""
    request = parse(UnassignIpv6AddressesRequest, params, keep_empty=frozenset())
    lifecycle.unassign_ipv6(
        cloud,
        request.RegionId,
        request.NetworkInterfaceId,
        request.Ipv6Address or (),
        request.Ipv6Prefix or (),
    )
    return {}
