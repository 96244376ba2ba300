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
    """The wire parameters of AssignPrivateIpAddresses (IPv4 prefixes are not modelled yet)."""

    PrivateIpAddress: list[str] | None = Field(None, min_length=1, max_length=32)
    SecondaryPrivateIpAddressCount: int | None = Field(None, ge=1, le=49)
    ClientToken: str | None = None

    @field_validator("ClientToken")
    @classmethod
    def _token(cls, token: str | None) -> str | None:
        return check_token(token)

    @model_validator(mode="after")
    def _exactly_one(self) -> AssignPrivateIpAddressesRequest:
        if self.PrivateIpAddress is not None and self.SecondaryPrivateIpAddressCount is not None:
            raise rule(
                "InvalidParameter.Conflict",
                Parameter="PrivateIpAddress.N",
                ConflictParameter="SecondaryPrivateIpAddressCount",
            )
        if self.PrivateIpAddress is None and self.SecondaryPrivateIpAddressCount is None:
            raise rule("MissingParameter", Parameter="SecondaryPrivateIpAddressCount")
        return self


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, assign (or replay the ClientToken's earlier answer), render."""
    request = parse(AssignPrivateIpAddressesRequest, params, keep_empty=frozenset())
    assigned = lifecycle.assign_private_ips(
        cloud,
        request.RegionId,
        request.NetworkInterfaceId,
        addresses=request.PrivateIpAddress or (),
        count=request.SecondaryPrivateIpAddressCount or 0,
        client_token=request.ClientToken,
        fingerprint=fingerprint(request),
    )
    return {
        "AssignedPrivateIpAddressesSet": {
            "NetworkInterfaceId": request.NetworkInterfaceId,
            "PrivateIpSet": {"PrivateIpAddress": assigned},
            "Ipv4PrefixSet": {"Ipv4Prefixes": []},
        }
    }
