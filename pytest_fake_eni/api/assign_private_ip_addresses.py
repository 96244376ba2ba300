"""AssignPrivateIpAddresses: more IPv4 addresses from the ENI's vSwitch."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from pytest_fake_eni.api.common import EniCall, check_token, fingerprint
from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "AssignPrivateIpAddresses"


class AssignPrivateIpAddressesRequest(EniCall):
    """The wire parameters of AssignPrivateIpAddresses."""

    PrivateIpAddress: list[str] | None = Field(None, min_length=1, max_length=32)
    SecondaryPrivateIpAddressCount: int | None = Field(None, ge=1, le=49)
    Ipv4Prefix: list[str] | None = Field(None, min_length=1, max_length=10)
    Ipv4PrefixCount: int | None = Field(None, ge=1, le=10)
    ClientToken: str | None = None

    @field_validator("ClientToken")
    @classmethod
    def _token(cls, token: str | None) -> str | None:
        return check_token(token)

    @model_validator(mode="after")
    def _exactly_one(self) -> AssignPrivateIpAddressesRequest:
        # One form per call: addresses or a count, prefixes or a prefix count, never both kinds.
        pairs = (
            ("PrivateIpAddress.N", self.PrivateIpAddress, "SecondaryPrivateIpAddressCount",
             self.SecondaryPrivateIpAddressCount),
            ("Ipv4Prefix.N", self.Ipv4Prefix, "Ipv4PrefixCount", self.Ipv4PrefixCount),
            ("PrivateIpAddress.N", self.PrivateIpAddress or self.SecondaryPrivateIpAddressCount,
             "Ipv4Prefix.N", self.Ipv4Prefix or self.Ipv4PrefixCount),
        )  # fmt: skip
        for name, value, other, other_value in pairs:
            if value is not None and other_value is not None:
                raise rule("InvalidParameter.Conflict", Parameter=name, ConflictParameter=other)
        given = (self.PrivateIpAddress, self.SecondaryPrivateIpAddressCount, self.Ipv4Prefix,
                 self.Ipv4PrefixCount)  # fmt: skip
        if all(v is None for v in given):
            raise rule("MissingParameter", Parameter="SecondaryPrivateIpAddressCount")
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
