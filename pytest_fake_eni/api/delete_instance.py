"""DeleteInstance: release an instance; its ENIs go with it or detach, addresses return."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.instance_render import InstanceCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import instances
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DeleteInstance"
PRODUCT = "Ecs"


class DeleteInstanceRequest(InstanceCall):
    """The wire parameters of DeleteInstance (``ForceStop`` and ``TerminateSubscription``
    are accepted and ignored)."""

    Force: bool = False
    ForceStop: bool | None = None
    TerminateSubscription: bool | None = None
    DryRun: bool = False


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and release: ``Stopped`` only, or ``Running`` too with ``Force``."""
    request = parse(DeleteInstanceRequest, params, keep_empty=frozenset())
    instances.delete(cloud, request.RegionId, request.InstanceId, request.Force, request.DryRun)
    return {}
