"""DescribeInstances: the instances of a region with what ENI code reads of them.

``InstanceIds`` and ``PrivateIpAddresses`` are JSON arrays sent as text (``'["i-1"]'``), as
the SDK models and real clients send them; an empty array selects nothing (documented).
Both paging styles: ``PageNumber``/``PageSize`` (up to 100, with ``TotalCount``) and
``MaxResults`` (up to 100) with ``NextToken`` (when given, the page numbers are ignored).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pytest_fake_eni.api.instance_render import instance_item, json_list
from pytest_fake_eni.api.paging import by_number, by_token
from pytest_fake_eni.api.validation import WireInt, parse, rule
from pytest_fake_eni.cloud.instances import InstanceFilter, select
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeInstances"
PRODUCT = "Ecs"
STATUSES = ("Pending", "Running", "Starting", "Stopping", "Stopped")
MAX_TAGS = 20


class InstanceTag(BaseModel):
    """``Tag.N.Key`` / ``Tag.N.Value``: a key alone matches any value; a value needs a key."""

    model_config = ConfigDict(extra="ignore")

    Key: str | None = None
    Value: str | None = None

    @model_validator(mode="after")
    def _paired(self) -> InstanceTag:
        if self.Key is None:
            raise rule("InvalidTag.Mismatch")
        return self


class DescribeInstancesRequest(BaseModel):
    """The wire parameters of DescribeInstances the fake filters and pages on."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    InstanceIds: list[str] | None = None
    PrivateIpAddresses: list[str] | None = None
    VpcId: str | None = None
    VSwitchId: str | None = None
    ZoneId: str | None = None
    SecurityGroupId: str | None = None
    InstanceType: str | None = None
    InstanceTypeFamily: str | None = None
    InstanceName: str | None = None
    ResourceGroupId: str | None = None
    Status: str | None = None
    InstanceNetworkType: str | None = None
    InstanceChargeType: str | None = None
    Tag: list[InstanceTag] | None = None
    DryRun: bool = False
    PageNumber: WireInt = Field(1, ge=1)
    PageSize: WireInt = Field(10, ge=1, le=100)
    MaxResults: WireInt | None = Field(None, ge=1, le=100)
    NextToken: str | None = None

    @field_validator("InstanceIds", "PrivateIpAddresses", mode="before")
    @classmethod
    def _json(cls, value: object, info: Any) -> list[str] | None:
        return json_list(value, info.field_name)

    @field_validator("Status")
    @classmethod
    def _status(cls, status: str | None) -> str | None:
        if status is not None and status not in STATUSES:
            raise rule("InvalidStatus.NotFound")
        return status

    @field_validator("InstanceNetworkType")
    @classmethod
    def _network(cls, kind: str | None) -> str | None:
        if kind is not None and kind not in ("vpc", "classic"):
            raise rule("InvalidNetworkType.NotFound")
        return kind

    @field_validator("InstanceChargeType")
    @classmethod
    def _charge(cls, kind: str | None) -> str | None:
        if kind is not None and kind not in ("PostPaid", "PrePaid"):
            raise rule("InvalidInstanceChargeType.NotFound")
        return kind

    @field_validator("Tag")
    @classmethod
    def _tags(cls, tags: list[InstanceTag] | None) -> list[InstanceTag] | None:
        if tags is not None and len(tags) > MAX_TAGS:
            raise rule("InvalidTagCount")
        return tags

    def to_filter(self) -> InstanceFilter:
        """The simulator's filter for this request."""
        ids = tuple(self.InstanceIds) if self.InstanceIds is not None else None
        # Every instance is a pay-as-you-go VPC instance: the other kinds select nothing.
        if self.InstanceNetworkType == "classic" or self.InstanceChargeType == "PrePaid":
            ids = ()
        addresses = self.PrivateIpAddresses
        return InstanceFilter(
            region_id=self.RegionId,
            instance_ids=ids,
            private_ip_addresses=tuple(addresses) if addresses is not None else None,
            vpc_id=self.VpcId,
            vswitch_id=self.VSwitchId,
            zone_id=self.ZoneId,
            instance_type=self.InstanceType,
            instance_type_family=self.InstanceTypeFamily,
            status=self.Status,
            name=self.InstanceName,
            resource_group_id=self.ResourceGroupId,
            security_group_id=self.SecurityGroupId,
            tags=tuple((t.Key or "", t.Value) for t in self.Tag or ()),
        )


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, filter, page, render."""
    request = parse(DescribeInstancesRequest, params, keep_empty=frozenset())
    if request.RegionId not in cloud.regions:
        raise EcsError("Forbidden.RegionId", RegionId=request.RegionId)
    if request.DryRun:
        raise EcsError("DryRunOperation")
    found = select(cloud, request.to_filter())
    body: dict[str, Any] = {"TotalCount": len(found)}
    if request.NextToken or request.MaxResults is not None:
        page, paging = by_token(found, request.NextToken, request.MaxResults or 10)
    else:
        page, paging = by_number(found, request.PageNumber, request.PageSize)
    body.update(paging)
    body["Instances"] = {"Instance": [instance_item(cloud, i) for i in page]}
    return body
