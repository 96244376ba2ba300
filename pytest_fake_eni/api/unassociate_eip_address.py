"""UnassociateEipAddress (VPC 2016-04-28): an EIP comes off what it points at;
``Unassociating`` until ``transition_delay`` passes."""

from __future__ import annotations

from typing import Any

from pydantic import field_validator

from pytest_fake_eni.api.common import check_token, fingerprint
from pytest_fake_eni.api.eip_common import EipCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import eips
from pytest_fake_eni.cloud.state import Cloud

ACTION = "UnassociateEipAddress"
PRODUCT = "Vpc"


class UnassociateEipAddressRequest(EipCall):
    """The wire parameters of UnassociateEipAddress (``Force`` is accepted and ignored:
    it concerns NAT gateways). ``InstanceId``, ``InstanceType`` and ``PrivateIpAddress``,
    when given, must be where the EIP points."""

    InstanceId: str | None = None
    InstanceType: str | None = None
    PrivateIpAddress: str | None = None
    Force: bool = False
    ClientToken: str | None = None

    _token = field_validator("ClientToken")(check_token)

    def target(self) -> eips.Target | None:
        """What the request says the EIP points at, None when it names nothing."""
        if self.InstanceId is None and self.InstanceType is None and not self.PrivateIpAddress:
            return None
        return eips.Target(self.InstanceId or "", self.InstanceType or "", self.PrivateIpAddress)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and start the unassociation (once per ClientToken)."""
    request = parse(UnassociateEipAddressRequest, params, keep_empty=frozenset())
    region = request.region(cloud)
    target = request.target()

    def work() -> dict[str, Any]:
        eips.unassociate(cloud, region, request.AllocationId, target)
        return {}

    return cloud.tokens.once(ACTION, region, request.ClientToken, fingerprint(request), work)
