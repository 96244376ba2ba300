"""DescribeNetworkInterfaces: every filter, and both paging styles.

Filter values: an empty value counts as absent (the SDKs drop unset fields, and
the service ignores empty ones); any other value, the literal ``None`` included,
is compared as given, so ``VSwitchId=None`` sent as text selects nothing.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pytest_fake_eni.api.paging import TagFilter, by_number, by_token, tag_pairs
from pytest_fake_eni.api.render import eni_item
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud.search import EniFilter, select
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeNetworkInterfaces"
PRODUCT = "Ecs"
_REGION = re.compile(r"[a-z0-9][a-z0-9-]*")


class DescribeNetworkInterfacesRequest(BaseModel):
    """The wire parameters of DescribeNetworkInterfaces."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    VSwitchId: str | None = None
    VpcId: str | None = None
    PrimaryIpAddress: str | None = None
    PrivateIpAddress: list[str] | None = Field(None, max_length=100)
    Ipv6Address: list[str] | None = Field(None, max_length=100)
    SecurityGroupId: str | None = None
    NetworkInterfaceName: str | None = None
    Type: str | None = None
    InstanceId: str | None = None
    Status: str | None = None
    NetworkInterfaceId: list[str] | None = Field(None, max_length=100)
    ServiceManaged: bool | None = None
    ResourceGroupId: str | None = None
    Tag: list[TagFilter] | None = Field(None, max_length=20)
    NextToken: str | None = None
    MaxResults: WireInt | None = None
    PageNumber: WireInt = Field(1, ge=1)
    PageSize: WireInt = Field(10, ge=1, le=100)

    @field_validator("MaxResults")
    @classmethod
    def _clamp(cls, size: int | None) -> int | None:
        # Documented: a value below 10 counts as 10, above 500 as 500.
        return None if size is None else min(max(size, 10), 500)

    def to_filter(self) -> EniFilter:
        """The simulator's filter for this request."""
        return EniFilter(
            region_id=self.RegionId,
            vswitch_id=self.VSwitchId,
            vpc_id=self.VpcId,
            primary_ip_address=self.PrimaryIpAddress,
            private_ip_addresses=tuple(self.PrivateIpAddress or ()),
            ipv6_addresses=tuple(self.Ipv6Address or ()),
            security_group_id=self.SecurityGroupId,
            name=self.NetworkInterfaceName,
            type=self.Type,
            instance_id=self.InstanceId,
            status=self.Status,
            network_interface_ids=tuple(self.NetworkInterfaceId or ()),
            service_managed=self.ServiceManaged,
            resource_group_id=self.ResourceGroupId,
            tags=tag_pairs(self.Tag),
        )


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, filter, page, render."""
    request = parse(DescribeNetworkInterfacesRequest, params, keep_empty=frozenset())
    if not _REGION.fullmatch(request.RegionId):
        raise EcsError("InvalidRegionId.MalFormed", RegionId=request.RegionId)
    if request.RegionId not in cloud.regions:
        raise EcsError("Forbidden.RegionId", RegionId=request.RegionId)
    found = select(list(cloud.enis.values()), request.to_filter())
    body: dict[str, Any] = {"TotalCount": len(found)}
    if request.NextToken is not None or request.MaxResults is not None:
        page, paging = by_token(found, request.NextToken, request.MaxResults or 10)
    else:
        page, paging = by_number(found, request.PageNumber, request.PageSize)
    body.update(paging)
    body["NetworkInterfaceSets"] = {
        "NetworkInterfaceSet": [
            eni_item(e, cloud.eips.on_eni(e.network_interface_id)) for e in page
        ]
    }
    return body
