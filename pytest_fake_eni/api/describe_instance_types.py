"""DescribeInstanceTypes: the account's instance types, with the limits ENI code sizes from.

Each type carries only the fields its source gives (see ``cloud.instance_types``). Filters:
``InstanceTypes.N`` (up to 100), ``InstanceTypeFamily``, ``InstanceTypeFamilies.N``,
``InstanceCategory`` and the ``Minimum*``/``Maximum*`` range filters on the fields the
fake holds (a type without the field does not pass a range filter on it). Pages of
``MaxResults`` (at most 100 a page, whatever is asked; default 100) with ``NextToken``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pytest_fake_eni.api.paging import by_token
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud.instance_types import InstanceType
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DescribeInstanceTypes"
PRODUCT = "Ecs"
MAX_RESULTS = 100
"""The most types one page holds (also the default page size)."""

# Range filter -> (field, lower bound?).
RANGES = {
    "MinimumCpuCoreCount": ("CpuCoreCount", True),
    "MaximumCpuCoreCount": ("CpuCoreCount", False),
    "MinimumMemorySize": ("MemorySize", True),
    "MaximumMemorySize": ("MemorySize", False),
    "MinimumGPUAmount": ("GPUAmount", True),
    "MaximumGPUAmount": ("GPUAmount", False),
    "MinimumEniQuantity": ("EniQuantity", True),
    "MinimumEniPrivateIpAddressQuantity": ("EniPrivateIpAddressQuantity", True),
    "MinimumEniIpv6AddressQuantity": ("EniIpv6AddressQuantity", True),
    "MinimumEriQuantity": ("EriQuantity", True),
    "MinimumPrimaryEniQueueNumber": ("PrimaryEniQueueNumber", True),
    "MinimumSecondaryEniQueueNumber": ("SecondaryEniQueueNumber", True),
    "MinimumQueuePairNumber": ("QueuePairNumber", True),
}


class DescribeInstanceTypesRequest(BaseModel):
    """The wire parameters of DescribeInstanceTypes the fake reads."""

    model_config = ConfigDict(extra="ignore", strict=False)

    InstanceTypes: list[str] | None = Field(None, max_length=100)
    InstanceTypeFamily: str | None = None
    InstanceTypeFamilies: list[str] | None = Field(None, max_length=10)
    InstanceCategory: str | None = None
    MinimumCpuCoreCount: WireInt | None = None
    MaximumCpuCoreCount: WireInt | None = None
    MinimumMemorySize: float | None = None
    MaximumMemorySize: float | None = None
    MinimumGPUAmount: WireInt | None = None
    MaximumGPUAmount: WireInt | None = None
    MinimumEniQuantity: WireInt | None = None
    MinimumEniPrivateIpAddressQuantity: WireInt | None = None
    MinimumEniIpv6AddressQuantity: WireInt | None = None
    MinimumEriQuantity: WireInt | None = None
    MinimumPrimaryEniQueueNumber: WireInt | None = None
    MinimumSecondaryEniQueueNumber: WireInt | None = None
    MinimumQueuePairNumber: WireInt | None = None
    MaxResults: WireInt = Field(MAX_RESULTS, ge=1)
    NextToken: str | None = None

    @field_validator("MaxResults")
    @classmethod
    def _cap(cls, size: int) -> int:
        # A page holds at most 100 types, whatever a client asks for.
        return min(size, MAX_RESULTS)

    def wants(self, kind: InstanceType) -> bool:
        """The type passes every filter given."""
        if self.InstanceTypes is not None and kind.instance_type_id not in self.InstanceTypes:
            return False
        families = [f for f in (self.InstanceTypeFamily, *(self.InstanceTypeFamilies or ())) if f]
        if families and kind.family not in families:
            return False
        category = self.InstanceCategory
        if category is not None and kind.get("InstanceCategory") != category:
            return False
        for name, (field_name, lower) in RANGES.items():
            bound = getattr(self, name)
            if bound is None:
                continue
            value = kind.get(field_name)
            if value is None or (value < bound if lower else value > bound):
                return False
        return True


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Filter the account's types, page them, render each with the fields it has."""
    request = parse(DescribeInstanceTypesRequest, params, keep_empty=frozenset())
    found = [kind for kind in cloud.instance_types if request.wants(kind)]
    page, paging = by_token(found, request.NextToken, request.MaxResults)
    return {**paging, "InstanceTypes": {"InstanceType": [kind.as_item() for kind in page]}}
