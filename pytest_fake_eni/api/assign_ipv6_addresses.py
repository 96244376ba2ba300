"""AssignIpv6Addresses: IPv6 addresses and /80 prefixes from the ENI's vSwitch."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from pytest_fake_eni.api.common import EniCall, check_token, fingerprint, one_form
from pytest_fake_eni.api.create_options import check_ipv6_addresses, check_ipv6_prefixes
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "AssignIpv6Addresses"
PRODUCT = "Ecs"


class AssignIpv6AddressesRequest(EniCall):
    """The wire parameters of AssignIpv6Addresses."""

    Ipv6Address: list[str] | None = Field(None, min_length=1, max_length=10)
    Ipv6AddressCount: WireInt | None = Field(None, ge=1, le=10)
    Ipv6Prefix: list[str] | None = Field(None, min_length=1, max_length=10)
    Ipv6PrefixCount: WireInt | None = Field(None, ge=1, le=10)
    ClientToken: str | None = None

    @field_validator("ClientToken")
    @classmethod
    def _token(cls, token: str | None) -> str | None:
        return check_token(token)

    _addresses = field_validator("Ipv6Address")(check_ipv6_addresses)
    _prefixes = field_validator("Ipv6Prefix")(check_ipv6_prefixes)

    @model_validator(mode="after")
    def _one_form(self) -> AssignIpv6AddressesRequest:
        one_form(
            ("Ipv6Address.N", self.Ipv6Address),
            ("Ipv6AddressCount", self.Ipv6AddressCount),
            ("Ipv6Prefix.N", self.Ipv6Prefix),
            ("Ipv6PrefixCount", self.Ipv6PrefixCount),
        )
        return self


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, assign (or replay the ClientToken's earlier answer), render."""
    request = parse(AssignIpv6AddressesRequest, params, keep_empty=frozenset())
    addresses, prefixes = lifecycle.assign_ipv6(
        cloud,
        request.RegionId,
        request.NetworkInterfaceId,
        addresses=request.Ipv6Address or (),
        count=request.Ipv6AddressCount or 0,
        prefixes=request.Ipv6Prefix or (),
        prefix_count=request.Ipv6PrefixCount or 0,
        client_token=request.ClientToken,
        fingerprint=fingerprint(request),
    )
    return {
        "NetworkInterfaceId": request.NetworkInterfaceId,
        "Ipv6Sets": {"Ipv6Address": addresses},
        "Ipv6PrefixSets": {"Ipv6Prefix": prefixes},
    }
