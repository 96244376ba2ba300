"""DescribeZones: the zones of a region the fake serves (what each zone offers: not modelled)."""

from __future__ import annotations

from typing import Any

from pydantic import field_validator

from pytest_fake_eni.api.describe_regions import check_language
from pytest_fake_eni.api.security_groups import RegionCall
from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeZones"
PRODUCT = "Ecs"


class DescribeZonesRequest(RegionCall):
    """The wire parameters of DescribeZones (``Verbose``: ignored)."""

    InstanceChargeType: str | None = None
    SpotStrategy: str | None = None
    AcceptLanguage: str | None = None

    @field_validator("InstanceChargeType")
    @classmethod
    def _charge(cls, charge: str | None) -> str | None:
        if charge is not None and charge not in ("PrePaid", "PostPaid"):
            raise rule("InvalidInstanceChargeType.NotFound")
        return charge

    @field_validator("SpotStrategy")
    @classmethod
    def _spot(cls, spot: str | None) -> str | None:
        if spot is not None and spot not in ("NoSpot", "SpotWithPriceLimit", "SpotAsPriceGo"):
            raise rule("InvalidSpotStrategy")
        return spot

    @field_validator("AcceptLanguage")
    @classmethod
    def _language(cls, language: str | None) -> str | None:
        return check_language(language)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """The region's zones, in the order the fake serves them."""
    request = parse(DescribeZonesRequest, params, keep_empty=frozenset())
    region = cloud.regions.get(request.RegionId)
    if region is None:
        raise EcsError("InvalidRegionId.NotFound", RegionId=request.RegionId)
    zones = [{"ZoneId": z, "LocalName": z, "ZoneType": "AvailabilityZone"} for z in region.zone_ids]
    return {"Zones": {"Zone": zones}}
