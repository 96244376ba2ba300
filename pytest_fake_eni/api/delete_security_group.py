"""DeleteSecurityGroup: a group no ENI or instance is a member of."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.security_groups import RegionCall, served_region
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DeleteSecurityGroup"
PRODUCT = "Ecs"


class DeleteSecurityGroupRequest(RegionCall):
    """The wire parameters of DeleteSecurityGroup."""

    SecurityGroupId: str


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Refused (``DependencyViolation``, 403) while the group has members."""
    request = parse(DeleteSecurityGroupRequest, params, keep_empty=frozenset())
    served_region(cloud, request.RegionId)
    sg = network.find_security_group(cloud, request.SecurityGroupId, request.RegionId)
    network.delete_security_group(cloud, sg)
    return {}
