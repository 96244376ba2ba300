"""DescribeNetworkInterfaceAttribute: one ENI, in full."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.api.common import EniCall
from pytest_fake_eni.api.render import eni_item
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "DescribeNetworkInterfaceAttribute"
PRODUCT = "Ecs"


class DescribeNetworkInterfaceAttributeRequest(EniCall):
    """The wire parameters of DescribeNetworkInterfaceAttribute.

    ``Attribute`` (``attachment``, ``connectionTrackingConfiguration``; terway sends
    the undocumented ``basic``) is accepted: the fake always answers in full.
    """

    Attribute: str | None = None


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, find the ENI (``InvalidEniId.NotFound`` when gone), render it."""
    request = parse(DescribeNetworkInterfaceAttributeRequest, params, keep_empty=frozenset())
    eni = lifecycle.find_eni(cloud, request.RegionId, request.NetworkInterfaceId)
    body = eni_item(eni, cloud.eips.on_eni(eni.network_interface_id))
    for entry in body["PrivateIpSets"]["PrivateIpSet"]:
        del entry["PrivateDnsName"]  # DescribeNetworkInterfaces has it; this model reads none
    body["NetworkInterfaceTrafficConfig"] = {
        name: body[name]
        for name in ("NetworkInterfaceTrafficMode", "QueueNumber", "QueuePairNumber")
    }
    tracking = eni.attributes.get("ConnectionTrackingConfiguration")
    if tracking:
        body["ConnectionTrackingConfiguration"] = dict(tracking)
    return body
