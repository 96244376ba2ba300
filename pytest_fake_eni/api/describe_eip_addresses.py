"""DescribeEipAddresses (VPC 2016-04-28): the EIPs of a region, filtered and paged."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pytest_fake_eni.api.common import URL_PREFIX
from pytest_fake_eni.api.eip_common import eip_item
from pytest_fake_eni.api.paging import TagFilter, by_number, tag_pairs
from pytest_fake_eni.api.validation import WireInt, parse, rule
from pytest_fake_eni.cloud import eips
from pytest_fake_eni.cloud.eips import Eip
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import matches
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeEipAddresses"
PRODUCT = "Vpc"
_RESERVED_TAG = ("acs:", "aliyun")


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


class EipTagFilter(TagFilter):
    """``Tag.N``: a key (not empty, not ``acs:``/``aliyun``, no URL) and maybe a value."""

    @field_validator("Key")
    @classmethod
    def _key(cls, key: str) -> str:
        if not key or len(key) > 128 or key.startswith(_RESERVED_TAG) or URL_PREFIX[0] in key:
            raise rule("InvalidTagKey")
        return key

    @field_validator("Value")
    @classmethod
    def _value(cls, value: str | None) -> str | None:
        if value is not None and (
            len(value) > 128
            or value.startswith(_RESERVED_TAG)
            or any(p in value for p in URL_PREFIX)
        ):
            raise rule("InvalidTagValue")
        return value


class DescribeEipAddressesRequest(BaseModel):
    """The wire parameters of DescribeEipAddresses the fake filters on.

    ``AllocationId`` and ``EipAddress`` take up to 50 values separated by commas.
    ``IncludeReservationData``, ``LockReason``, ``SegmentInstanceId``,
    ``PublicIpAddressPoolId``, ``SecurityProtectionEnabled``, ``ServiceManaged`` and
    ``Filter.N`` are accepted and ignored.
    """

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    AllocationId: str | None = None
    EipAddress: str | None = None
    Status: str | None = None
    AssociatedInstanceType: str | None = None
    AssociatedInstanceId: str | None = None
    EipName: str | None = None
    ISP: str | None = None
    ChargeType: str | None = None
    ResourceGroupId: str | None = None
    Tag: list[EipTagFilter] | None = Field(None, max_length=20)
    PageNumber: WireInt = Field(1, ge=1)
    PageSize: WireInt = Field(10, ge=1, le=100)
    DryRun: bool = False

    @field_validator("AllocationId", "EipAddress")
    @classmethod
    def _at_most_50(cls, value: str | None, info: Any) -> str | None:
        if len(_ids(value)) > 50:
            raise rule("InvalidParameter", Parameter=info.field_name)
        return value

    @field_validator("AssociatedInstanceType")
    @classmethod
    def _instance_type(cls, value: str | None) -> str | None:
        if value is not None and value not in eips.INSTANCE_TYPES:
            raise rule("InvalidIAssociatedInstanceType.ValueNotSupported")
        return value

    @field_validator("ChargeType")
    @classmethod
    def _charge_type(cls, value: str | None) -> str | None:
        if value is not None and value not in ("PostPaid", "PrePaid"):
            raise rule("InvalidChargeType.ValueNotSupported")
        return value

    def wants(self, eip: Eip) -> bool:
        """``eip`` passes every filter of the request."""
        ids, addresses = _ids(self.AllocationId), _ids(self.EipAddress)
        return (
            eip.region_id == self.RegionId
            and (not ids or eip.allocation_id in ids)
            and (not addresses or eip.ip_address in addresses)
            and self.Status in (None, eip.status)
            and self.AssociatedInstanceType in (None, eip.instance_type)
            and self.AssociatedInstanceId in (None, eip.instance_id)
            and self.EipName in (None, eip.name)
            and self.ISP in (None, eip.isp)
            and self.ChargeType in (None, eip.charge_type)
            and self.ResourceGroupId in (None, eip.resource_group_id)
            and matches(eip.tags, tag_pairs(self.Tag))
        )


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, filter, page (up to 100), render."""
    request = parse(DescribeEipAddressesRequest, params, keep_empty=frozenset())
    eips.known_region(cloud, request.RegionId)
    group = request.ResourceGroupId
    if group is not None and group not in cloud.resource_groups:
        raise EcsError("InvalidResourceGroupId", ResourceGroupId=group)
    if request.DryRun:  # every check passed: the dry run stops here
        raise EcsError("DryRunOperation")
    found = [e for e in cloud.eips.eips.values() if request.wants(e)]
    page, body = by_number(found, request.PageNumber, request.PageSize)
    return {**body, "EipAddresses": {"EipAddress": [eip_item(e) for e in page]}}
