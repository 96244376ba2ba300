"""DeleteVSwitch (VPC 2016-04-28): an ``Available`` vSwitch no ENI or instance uses."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import Call
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "DeleteVSwitch"
PRODUCT = "Vpc"


class DeleteVSwitchRequest(Call):
    """The wire parameters of DeleteVSwitch."""

    VSwitchId: str
    RegionId: str | None = None
    DryRun: bool = False


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Refused (``DependencyViolation``) while any ENI or instance holds one of its addresses."""
    request = parse(DeleteVSwitchRequest, params, keep_empty=frozenset())
    vsw = network.find_vswitch(cloud, request.VSwitchId, request.RegionId)
    if request.DryRun:
        raise EcsError("DryRunOperation")
    network.delete_vswitch(cloud, vsw)
    return {}
