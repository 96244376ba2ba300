"""StopInstance: a ``Running`` instance stops (``Stopping`` until ``transition_delay``)."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.instance_render import InstanceCall
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import instances
from pytest_fake_eni.cloud.state import Cloud

ACTION = "StopInstance"
PRODUCT = "Ecs"


class StopInstanceRequest(InstanceCall):
    """The wire parameters of StopInstance (``ForceStop``, ``ConfirmStop``, ``StoppedMode``
    and ``Hibernate`` are accepted and ignored: every stop is the same to ENIs)."""

    ForceStop: bool | None = None
    ConfirmStop: bool | None = None
    StoppedMode: str | None = None
    Hibernate: bool | None = None
    DryRun: bool = False


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and stop the instance."""
    request = parse(StopInstanceRequest, params, keep_empty=frozenset())
    instances.stop(cloud, request.RegionId, request.InstanceId, request.DryRun)
    return {}
