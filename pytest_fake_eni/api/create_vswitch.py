"""CreateVSwitch (VPC 2016-04-28): a vSwitch, ``Pending`` until ``transition_delay`` passes.

The rules (CIDR inside the VPC, no overlap, a zone of the region, mask /16 to /29) are the
fixture's own (``cloud.network``). ``Ipv6CidrBlock`` is the last 8 bits of the vSwitch's
/64 inside its VPC's /56 (CreateVpc ``EnableIpv6``).
"""

from __future__ import annotations

from typing import Any

from netaddr import IPNetwork
from pydantic import Field, field_validator

from pytest_fake_eni.api.common import fingerprint
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.api.vpc_common import (
    Call,
    Idempotent,
    VpcTag,
    check_description,
    check_name,
    tag_items,
)
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.resources import Vpc
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "CreateVSwitch"
PRODUCT = "Vpc"


class VSwitchText(Call):
    """A vSwitch's ``VSwitchName`` and ``Description``, and their codes."""

    VSwitchName: str | None = None
    Description: str | None = None

    @field_validator("VSwitchName")
    @classmethod
    def _name(cls, name: str | None) -> str | None:
        return check_name(name, "InvalidVSwitchName.Malformed")

    @field_validator("Description")
    @classmethod
    def _description(cls, text: str | None) -> str | None:
        return check_description(text, "InvalidVSwitchDiscription.Malformed")


class CreateVSwitchRequest(VSwitchText, Idempotent):
    """The wire parameters of CreateVSwitch the fake reads."""

    ZoneId: str
    CidrBlock: str
    VpcId: str
    RegionId: str | None = None
    Ipv6CidrBlock: WireInt | None = Field(None, ge=0, le=255)
    Tag: list[VpcTag] | None = None


def ipv6_block(vpc: Vpc, last_bits: int | None) -> str | None:
    """The /64 ``last_bits`` names inside the VPC's /56 (None: no IPv6)."""
    if last_bits is None:
        return None
    if vpc.ipv6_cidr_block is None:
        raise EcsError("InvalidParameter", Parameter="Ipv6CidrBlock")
    base = IPNetwork(vpc.ipv6_cidr_block)
    return str(IPNetwork(f"{base.network + (last_bits << 64)}/64"))


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, create (once per ClientToken), answer the new vSwitch's id."""
    request = parse(CreateVSwitchRequest, params, keep_empty=frozenset())
    vpc = network.find_vpc(cloud, request.VpcId, request.RegionId)

    def create() -> dict[str, Any]:
        vsw = network.create_vswitch(
            cloud,
            vpc,
            request.CidrBlock,
            request.ZoneId,
            name=request.VSwitchName or "",
            description=request.Description or "",
            ipv6_cidr_block=ipv6_block(vpc, request.Ipv6CidrBlock),
            tags=tag_items(request.Tag),
            asynchronous=True,
        )
        return {"VSwitchId": vsw.vswitch_id}

    return cloud.tokens.once(
        ACTION, vpc.region_id, request.ClientToken, fingerprint(request), create
    )
