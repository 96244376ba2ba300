"""CreateVSwitchCidrReservation (VPC 2016-04-28): a block of a vSwitch prefixes come from.

The same reservations ``add_vswitch(reserved_cidr_blocks=...)`` makes: once a vSwitch
has any, ``Ipv4Prefix``/``Ipv6Prefix`` allocations come only from them.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pytest_fake_eni.api.common import fingerprint
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.api.vpc_common import Idempotent, VpcTag, tag_items
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "CreateVSwitchCidrReservation"
PRODUCT = "Vpc"


class CreateVSwitchCidrReservationRequest(Idempotent):
    """The wire parameters of CreateVSwitchCidrReservation (``IpPrefixNumber``: ignored)."""

    VSwitchId: str
    RegionId: str | None = None
    IpVersion: str = Field("IPv4", pattern="IPv4|IPv6")
    VSwitchCidrReservationCidr: str | None = None
    VSwitchCidrReservationMask: WireInt | None = None
    VSwitchCidrReservationType: str = Field("Prefix", pattern="(?i)prefix")
    VSwitchCidrReservationName: str | None = None
    VSwitchCidrReservationDescription: str | None = None
    Tag: list[VpcTag] | None = None
    DryRun: bool = False


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Reserve the block named (or the lowest free one of the mask); answer its id."""
    request = parse(CreateVSwitchCidrReservationRequest, params, keep_empty=frozenset())
    vsw = network.find_vswitch(cloud, request.VSwitchId, request.RegionId)
    if request.DryRun:
        raise EcsError("DryRunOperation")

    def create() -> dict[str, Any]:
        held = network.reserve(
            cloud,
            vsw,
            request.VSwitchCidrReservationCidr,
            mask=request.VSwitchCidrReservationMask,
            ip_version=request.IpVersion,
            name=request.VSwitchCidrReservationName or "",
            description=request.VSwitchCidrReservationDescription or "",
            tags=tag_items(request.Tag),
        )
        return {"VSwitchCidrReservationId": held.reservation_id}

    return cloud.tokens.once(
        ACTION, vsw.region_id, request.ClientToken, fingerprint(request), create
    )
