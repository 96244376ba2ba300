"""DescribeNetworkInterfaces: every filter, and both paging styles.

Filter values: an empty value counts as absent (the SDKs drop unset fields, and
the service ignores empty ones); any other value, the literal ``None`` included,
is compared as given, so ``VSwitchId=None`` sent as text selects nothing.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pytest_fake_eni.api.render import eni_item
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.search import EniFilter, select
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeNetworkInterfaces"
_TOKEN_HEAD = b"\x00\x00\x00\x01"
_REGION = re.compile(r"[a-z0-9][a-z0-9-]*")


class TagFilter(BaseModel):
    """``Tag.N.Key`` / ``Tag.N.Value``: a key alone matches any value."""

    model_config = ConfigDict(extra="ignore")

    Key: str
    Value: str | None = None


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
    MaxResults: int | None = None
    PageNumber: int = Field(1, ge=1)
    PageSize: int = Field(10, ge=1, le=100)

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
            tags=tuple((t.Key, t.Value) for t in self.Tag or ()),
        )


def next_token(offset: int) -> str:
    """An opaque token for the page starting at ``offset`` (base64, like the real ones)."""
    check = hashlib.sha256(f"pytest-fake-eni:{offset}".encode()).digest()[:24]
    return base64.b64encode(_TOKEN_HEAD + offset.to_bytes(4, "big") + check).decode()


def token_offset(token: str) -> int:
    """The offset ``token`` stands for; ``InvalidParameter`` when it is not one of ours."""
    try:
        raw = base64.b64decode(token, validate=True)
        offset = int.from_bytes(raw[4:8], "big")
    except ValueError:
        raise EcsError("InvalidParameter", Parameter="NextToken") from None
    if len(raw) != 32 or next_token(offset) != token:
        raise EcsError("InvalidParameter", Parameter="NextToken")
    return offset


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, filter, page, render."""
    request = parse(DescribeNetworkInterfacesRequest, params, keep_empty=frozenset())
    with cloud.lock:
        lifecycle.settle(cloud)
        if not _REGION.fullmatch(request.RegionId):
            raise EcsError("InvalidRegionId.MalFormed", RegionId=request.RegionId)
        if request.RegionId not in cloud.regions:
            raise EcsError("Forbidden.RegionId", RegionId=request.RegionId)
        found = select(list(cloud.enis.values()), request.to_filter())
        body: dict[str, Any] = {"TotalCount": len(found)}
        if request.NextToken is not None or request.MaxResults is not None:
            # Token paging: an empty NextToken on the last page (terway stops on it).
            start = token_offset(request.NextToken) if request.NextToken else 0
            size = request.MaxResults or 10
            page = found[start : start + size]
            more = start + size < len(found)
            body["NextToken"] = next_token(start + size) if more else ""
        else:
            start = (request.PageNumber - 1) * request.PageSize
            page = found[start : start + request.PageSize]
            body.update({"PageNumber": request.PageNumber, "PageSize": request.PageSize})
        body["NetworkInterfaceSets"] = {"NetworkInterfaceSet": [eni_item(e) for e in page]}
        return body
