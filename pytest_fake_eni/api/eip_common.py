"""Request parts and the response shape shared by the EIP actions (VPC 2016-04-28)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from pytest_fake_eni.api.common import URL_PREFIX
from pytest_fake_eni.api.validation import rule
from pytest_fake_eni.cloud.eips import Eip
from pytest_fake_eni.cloud.state import Cloud

_NAME = re.compile(r"[A-Za-z][\w.\-]{0,127}")


class EipCall(BaseModel):
    """A call naming one EIP; ``RegionId`` may be left out (the EIP's own region is used)."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str = ""
    AllocationId: str

    def region(self, cloud: Cloud) -> str:
        """The region the call is about: ``RegionId``, else the EIP's."""
        if self.RegionId:
            return self.RegionId
        eip = cloud.eips.eips.get(self.AllocationId)
        return eip.region_id if eip else next(iter(cloud.regions))


def check_name(name: str | None) -> str | None:
    """An EIP name: 1 to 128 letters, digits, ``.``, ``_``, ``-``, starting with a letter."""
    if name is not None and not _NAME.fullmatch(name):
        raise rule("InvalidParameter", Parameter="Name")
    return name


def check_description(text: str | None) -> str | None:
    """An EIP description: 2 to 256 characters, starting with a letter, not a URL."""
    if text is not None and (
        not 2 <= len(text) <= 256 or not text[0].isalpha() or text.startswith(URL_PREFIX)
    ):
        raise rule("InvalidParameter", Parameter="Description")
    return text


class Named(BaseModel):
    """``Name`` and ``Description``, checked as the EIP actions document them."""

    model_config = ConfigDict(extra="ignore", strict=False)

    Name: str | None = None
    Description: str | None = None

    _name = field_validator("Name")(check_name)
    _description = field_validator("Description")(check_description)


def eip_item(eip: Eip) -> dict[str, Any]:
    """An EIP as DescribeEipAddresses returns it (the keys its Tea model reads)."""
    return {
        "AllocationId": eip.allocation_id,
        "IpAddress": eip.ip_address,
        "RegionId": eip.region_id,
        "Status": eip.status,
        "AllocationTime": eip.allocation_time,
        "Bandwidth": str(eip.bandwidth),
        "EipBandwidth": str(eip.bandwidth),
        "InternetChargeType": eip.internet_charge_type,
        "ChargeType": eip.charge_type,
        "ISP": eip.isp,
        "Netmode": "public",
        "Name": eip.name,
        "Description": eip.description,
        "ResourceGroupId": eip.resource_group_id,
        "InstanceId": eip.instance_id,
        "InstanceType": eip.instance_type,
        "InstanceRegionId": eip.region_id if eip.instance_id else "",
        "PrivateIpAddress": eip.private_ip_address,
        "Mode": eip.mode,
        "BusinessStatus": "Normal",
        "DeletionProtection": False,
        "SecondLimited": False,
        "HDMonitorStatus": "false",
        "HasReservationData": "false",
        "ServiceManaged": 0,
        "BizType": "Default",
        "ExpiredTime": "",
        "BandwidthPackageId": "",
        "OperationLocks": {"LockReason": []},
        "SecurityProtectionTypes": {"SecurityProtectionType": []},
        "Tags": {"Tag": [{"Key": k, "Value": v} for k, v in eip.tags.items()]},
    }
