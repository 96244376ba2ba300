"""AssignPrivateIpAddresses: more IPv4 addresses from the ENI's vSwitch."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from pytest_fake_eni.api.common import EniCall, check_token, fingerprint, one_form
from pytest_fake_eni.api.create_options import check_ipv4_prefixes
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "AssignPrivateIpAddresses"
PRODUCT = "Ecs"


class AssignPrivateIpAddressesRequest(EniCall):
    """The wire parameters of AssignPrivateIpAddresses."""

    PrivateIpAddress: list[str] | None = Field(None, min_length=1, max_length=32)
    SecondaryPrivateIpAddressCount: WireInt | None = Field(None, ge=1, le=49)
    Ipv4Prefix: list[str] | None = Field(None, min_length=1, max_length=10)
    Ipv4PrefixCount: WireInt | None = Field(None, ge=1, le=10)
    ClientToken: str | None = None

    @field_validator("ClientToken")
    @classmethod
    def _token(cls, token: str | None) -> str | None:
        return check_token(token)

    _prefixes = field_validator("Ipv4Prefix")(check_ipv4_prefixes)

    @model_validator(mode="after")
    def _one_form(self) -> AssignPrivateIpAddressesRequest:
        one_form(
            ("PrivateIpAddress.N", self.PrivateIpAddress),
            ("SecondaryPrivateIpAddressCount", self.SecondaryPrivateIpAddressCount),
            ("Ipv4Prefix.N", self.Ipv4Prefix),
            ("Ipv4PrefixCount", self.Ipv4PrefixCount),
        )
        return self


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, assign (or replay the ClientToken's earlier answer), render."""
    request = parse(AssignPrivateIpAddressesRequest, params, keep_empty=frozenset())
    assigned, prefixes = lifecycle.assign_private_ips(
        cloud,
        request.RegionId,
        request.NetworkInterfaceId,
        addresses=request.PrivateIpAddress or (),
        count=request.SecondaryPrivateIpAddressCount or 0,
        client_token=request.ClientToken,
        fingerprint=fingerprint(request),
        prefixes=request.Ipv4Prefix or (),
        prefix_count=request.Ipv4PrefixCount or 0,
    )
    return {
        "AssignedPrivateIpAddressesSet": {
            "NetworkInterfaceId": request.NetworkInterfaceId,
            "PrivateIpSet": {"PrivateIpAddress": assigned},
            "Ipv4PrefixSet": {"Ipv4Prefixes": prefixes},
        }
    }
