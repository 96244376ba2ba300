"""DescribeRegions: the regions the fake serves (``add_region``, or a VPC in a new region)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DescribeRegions"
PRODUCT = "Ecs"
LANGUAGES = ("zh-CN", "en-US", "ja")
_NAMES = {
    "cn-hangzhou": "China (Hangzhou)",
    "cn-beijing": "China (Beijing)",
    "cn-shanghai": "China (Shanghai)",
    "cn-shenzhen": "China (Shenzhen)",
    "cn-qingdao": "China (Qingdao)",
}


def check_language(language: str | None) -> str | None:
    """``AcceptLanguage``: ``zh-CN``, ``en-US`` or ``ja``."""
    if language is not None and language not in LANGUAGES:
        raise rule("InvalidAcceptLanguage.NotFound")
    return language


class DescribeRegionsRequest(BaseModel):
    """The wire parameters of DescribeRegions (``ResourceType`` and others: ignored)."""

    model_config = ConfigDict(extra="ignore", strict=False)

    AcceptLanguage: str | None = None

    @field_validator("AcceptLanguage")
    @classmethod
    def _language(cls, language: str | None) -> str | None:
        return check_language(language)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Every served region, with its endpoint."""
    parse(DescribeRegionsRequest, params, keep_empty=frozenset())
    regions = [
        {
            "RegionId": region_id,
            "LocalName": _NAMES.get(region_id, region_id),
            "RegionEndpoint": f"ecs.{region_id}.aliyuncs.com",
            "Status": "available",
        }
        for region_id in cloud.regions
    ]
    return {"Regions": {"Region": regions}}
