"""ListVSwitchCidrReservations (VPC 2016-04-28): a vSwitch's CIDR reservations, by token.

The VPC SDKs name this call ``ListVSwitchCidrReservations`` (there is no
``DescribeVSwitchCidrReservations``). Counts are of /28 (IPv4) or /80 (IPv6) prefixes.
"""

from __future__ import annotations

from typing import Any

from netaddr import IPNetwork
from pydantic import Field

from pytest_fake_eni.api.paging import TagFilter, by_token, tag_pairs
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.api.vpc_common import Call
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.resources import CidrReservation
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import matches

ACTION = "ListVSwitchCidrReservations"
PRODUCT = "Vpc"


class ListVSwitchCidrReservationsRequest(Call):
    """The wire parameters of ListVSwitchCidrReservations."""

    VSwitchId: str
    RegionId: str | None = None
    VSwitchCidrReservationIds: list[str] | None = Field(None, max_length=10)
    IpVersion: str | None = None
    VSwitchCidrReservationType: str | None = None
    Tags: list[TagFilter] | None = Field(None, max_length=20)
    NextToken: str | None = None
    MaxResults: WireInt = Field(10, ge=1, le=100)


def reservation_item(cloud: Cloud, held: CidrReservation) -> dict[str, Any]:
    """A reservation as ListVSwitchCidrReservations returns it."""
    block = IPNetwork(held.cidr_block)
    size = 1 << ((32 if block.version == 4 else 128) - (28 if block.version == 4 else 80))
    assigned = len(network.prefixes_in(cloud, held))
    vsw = cloud.vswitches[held.vswitch_id]
    return {
        "VSwitchCidrReservationId": held.reservation_id,
        "VSwitchCidrReservationCidr": held.cidr_block,
        "VSwitchCidrReservationName": held.name,
        "VSwitchCidrReservationDescription": held.description,
        "Type": held.type,
        "IpVersion": held.ip_version,
        "Status": "Assigned",
        "CreationTime": held.creation_time,
        "VSwitchId": held.vswitch_id,
        "VpcId": vsw.vpc_id,
        "AssignedCidrCount": assigned,
        "AvailableCidrCount": max(block.size // size - assigned, 0),
        "Tags": [{"Key": k, "Value": v} for k, v in held.tags.items()],
    }


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Filter by ids, IP version, type and tags; pages by token."""
    request = parse(ListVSwitchCidrReservationsRequest, params, keep_empty=frozenset())
    vsw = network.find_vswitch(cloud, request.VSwitchId, request.RegionId)
    ids = set(request.VSwitchCidrReservationIds or ())
    kind = (request.VSwitchCidrReservationType or "").lower()
    tags = tag_pairs(request.Tags)
    found = [
        r
        for r in vsw.reservations
        if (not ids or r.reservation_id in ids)
        and request.IpVersion in (None, r.ip_version)
        and kind in ("", r.type.lower())
        and matches(r.tags, tags)
    ]
    page, body = by_token(found, request.NextToken, request.MaxResults)
    return {
        **body,
        "TotalCount": len(found),
        "MaxResults": request.MaxResults,
        "VSwitchCidrReservations": [reservation_item(cloud, r) for r in page],
    }
