"""DeleteVSwitchCidrReservation (VPC 2016-04-28): a reservation no ENI holds a prefix of."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import Call
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "DeleteVSwitchCidrReservation"
PRODUCT = "Vpc"


class DeleteVSwitchCidrReservationRequest(Call):
    """The wire parameters of DeleteVSwitchCidrReservation (``ClientToken``: ignored)."""

    VSwitchCidrReservationId: str
    RegionId: str | None = None
    DryRun: bool = False


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Refused (``DependencyViolation``) while an ENI holds a prefix from the block."""
    request = parse(DeleteVSwitchCidrReservationRequest, params, keep_empty=frozenset())
    vsw, held = network.find_reservation(cloud, request.VSwitchCidrReservationId)
    if request.DryRun:
        raise EcsError("DryRunOperation")
    network.unreserve(cloud, vsw, held)
    return {}
