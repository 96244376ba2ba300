"""AssociateEipAddress (VPC 2016-04-28): an EIP onto an ENI's private address or an
instance's primary address; ``Associating`` until ``transition_delay`` passes."""

from __future__ import annotations

from typing import Any

from pydantic import field_validator

from pytest_fake_eni.api.common import check_token, fingerprint
from pytest_fake_eni.api.eip_common import EipCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import eips
from pytest_fake_eni.cloud.state import Cloud

ACTION = "AssociateEipAddress"
PRODUCT = "Vpc"


class AssociateEipAddressRequest(EipCall):
    """The wire parameters of AssociateEipAddress (``InstanceRegionId`` and ``VpcId``
    are accepted and ignored: the fake has no GA instances nor IPv4 gateways)."""

    InstanceId: str
    InstanceType: str = "EcsInstance"
    PrivateIpAddress: str | None = None
    Mode: str = "NAT"
    ClientToken: str | None = None

    _token = field_validator("ClientToken")(check_token)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and start the association (once per ClientToken)."""
    request = parse(AssociateEipAddressRequest, params, keep_empty=frozenset())
    region = request.region(cloud)
    target = eips.Target(
        request.InstanceId, request.InstanceType, request.PrivateIpAddress, request.Mode
    )

    def work() -> dict[str, Any]:
        eips.associate(cloud, region, request.AllocationId, target)
        return {}

    return cloud.tokens.once(ACTION, region, request.ClientToken, fingerprint(request), work)
