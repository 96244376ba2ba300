"""Request parts shared by the VPC product's Describe actions."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from pytest_fake_eni.api.validation import WireInt
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError


class Paged(BaseModel):
    """``RegionId``, ``PageNumber``/``PageSize`` (up to 50) and ``DryRun``."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    PageNumber: WireInt = Field(1, ge=1)
    PageSize: WireInt = Field(10, ge=1, le=50)
    DryRun: bool = False


def known_region(cloud: Cloud, request: Paged) -> None:
    """``Forbidden.RegionId`` for a region the fake does not serve; then the dry run stops."""
    if request.RegionId not in cloud.regions:
        raise EcsError("Forbidden.RegionId", RegionId=request.RegionId)
    if request.DryRun:  # every check passed: the dry run stops here
        raise EcsError("DryRunOperation")
