"""StartInstance: a ``Stopped`` instance starts (``Starting`` until ``transition_delay``)."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.instance_render import InstanceCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import instances
from pytest_fake_eni.cloud.state import Cloud

ACTION = "StartInstance"
PRODUCT = "Ecs"


class StartInstanceRequest(InstanceCall):
    """The wire parameters of StartInstance (``InitLocalDisk`` is accepted and ignored)."""

    InitLocalDisk: bool | None = None
    DryRun: bool = False


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and start the instance."""
    request = parse(StartInstanceRequest, params, keep_empty=frozenset())
    instances.start(cloud, request.RegionId, request.InstanceId, request.DryRun)
    return {}
