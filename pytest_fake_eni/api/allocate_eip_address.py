"""AllocateEipAddress (VPC 2016-04-28): an EIP from the public address pools."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from pytest_fake_eni.api.common import check_token, fingerprint
from pytest_fake_eni.api.eip_common import Named
from pytest_fake_eni.api.paging import TagFilter
from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud import eips
from pytest_fake_eni.cloud.eips import Eip, EipRequest
from pytest_fake_eni.cloud.state import Cloud

ACTION = "AllocateEipAddress"
PRODUCT = "Vpc"
_DIGITS = re.compile(r"[0-9]+")


class AllocateEipAddressRequest(Named):
    """The wire parameters of AllocateEipAddress the fake reads.

    ``Netmode``, ``AutoPay``, ``Period``, ``PricingCycle``, ``ActivityId``,
    ``SecurityProtectionTypes``, ``PublicIpAddressPoolId`` and ``Zone`` are accepted
    and ignored; ``IpAddress`` asks for one address of a pool.
    """

    RegionId: str
    Bandwidth: str = "5"
    InternetChargeType: str = "PayByBandwidth"
    InstanceChargeType: str = "PostPaid"
    ISP: str = "BGP"
    ResourceGroupId: str | None = None
    IpAddress: str | None = None
    Tag: list[TagFilter] | None = Field(None, max_length=20)
    ClientToken: str | None = None

    _token = field_validator("ClientToken")(check_token)

    @field_validator("Bandwidth")
    @classmethod
    def _bandwidth(cls, value: str) -> str:
        if not _DIGITS.fullmatch(value):
            raise rule("InvalidBandwidth.Malformed")
        return value

    @field_validator("InternetChargeType", "InstanceChargeType")
    @classmethod
    def _charge(cls, value: str, info: Any) -> str:
        allowed = (
            ("PayByBandwidth", "PayByTraffic")
            if info.field_name == "InternetChargeType"
            else ("PostPaid", "PrePaid")
        )
        if value not in allowed:
            raise rule("InvalidParameter", Parameter=info.field_name)
        return value

    @field_validator("ISP")
    @classmethod
    def _isp(cls, value: str) -> str:
        if value not in eips.ISPS:
            raise rule("IllegalParam.Isp")
        return value

    @model_validator(mode="after")
    def _prepaid(self) -> AllocateEipAddressRequest:
        # Documented: a subscription EIP is metered by bandwidth.
        if self.InstanceChargeType == "PrePaid" and self.InternetChargeType != "PayByBandwidth":
            raise rule("InvalidParameter", Parameter="InternetChargeType")
        return self

    def to_request(self) -> EipRequest:
        """The simulator's request."""
        return EipRequest(
            region_id=self.RegionId,
            bandwidth=int(self.Bandwidth),
            internet_charge_type=self.InternetChargeType,
            charge_type=self.InstanceChargeType,
            isp=self.ISP,
            name=self.Name or "",
            description=self.Description or "",
            resource_group_id=self.ResourceGroupId or "",
            ip_address=self.IpAddress,
            tags=[(t.Key, t.Value or "") for t in self.Tag or ()],
        )


def _body(eip: Eip) -> dict[str, Any]:
    body: dict[str, Any] = {"AllocationId": eip.allocation_id}
    if eip.charge_type == "PrePaid":  # documented: a subscription answers with its order
        body["OrderId"] = int(eip.allocation_id.encode().hex()[-8:], 16)
    else:
        body.update(EipAddress=eip.ip_address, ResourceGroupId=eip.resource_group_id)
    return body


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, allocate once per ClientToken, answer the allocation id and address."""
    request = parse(AllocateEipAddressRequest, params, keep_empty=frozenset())
    return cloud.tokens.once(
        ACTION,
        request.RegionId,
        request.ClientToken,
        fingerprint(request),
        lambda: _body(eips.allocate(cloud, request.to_request())),
    )
