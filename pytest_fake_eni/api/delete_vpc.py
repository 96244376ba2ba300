"""DeleteVpc (VPC 2016-04-28): an ``Available`` VPC with nothing left in it."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import Call
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "DeleteVpc"
PRODUCT = "Vpc"


class DeleteVpcRequest(Call):
    """The wire parameters of DeleteVpc (``ForceDelete`` and ``ClientToken`` are ignored)."""

    VpcId: str
    RegionId: str | None = None
    DryRun: bool = False


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Refused while instances, vSwitches or security groups remain (in that order)."""
    request = parse(DeleteVpcRequest, params, keep_empty=frozenset())
    vpc = network.find_vpc(cloud, request.VpcId, request.RegionId)
    if request.DryRun:
        raise EcsError("DryRunOperation")
    network.delete_vpc(cloud, vpc)
    return {}
