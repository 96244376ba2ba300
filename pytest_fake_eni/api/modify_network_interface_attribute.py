"""ModifyNetworkInterfaceAttribute: name, description, groups, DeleteOnRelease, queues.

Queues, traffic settings and ``EnablePrimaryIPv6`` follow CreateNetworkInterface's rules
and codes, checked against the ENI's own settings where the call leaves them out.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from pytest_fake_eni.api.common import (
    EniCallChecked,
    check_eni_name,
    check_unique_groups,
    description_check,
)
from pytest_fake_eni.api.create_options import (
    ConnectionTrackingParam,
    EnhancedNetworkParam,
    TrafficConfigParam,
    broken_queue_rule,
    check_queue_number,
    effective,
    traffic_attributes,
)
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.eni_create import region_features
from pytest_fake_eni.cloud.state import Cloud, Eni, EniRequest
from pytest_fake_eni.errors import EcsError

ACTION = "ModifyNetworkInterfaceAttribute"
PRODUCT = "Ecs"


class ModifyNetworkInterfaceAttributeRequest(EniCallChecked):
    """The wire parameters of ModifyNetworkInterfaceAttribute."""

    NetworkInterfaceName: str | None = None
    Description: str | None = None
    SecurityGroupId: list[str] | None = Field(None, min_length=1)
    DeleteOnRelease: bool | None = None
    QueueNumber: WireInt | None = None
    RxQueueSize: WireInt | None = None
    TxQueueSize: WireInt | None = None
    SourceDestCheck: bool | None = None
    ConnectionTrackingConfiguration: ConnectionTrackingParam | None = None
    NetworkInterfaceTrafficConfig: TrafficConfigParam | None = None
    EnablePrimaryIPv6: bool | None = None
    EnhancedNetwork: EnhancedNetworkParam | None = None

    _queues = field_validator("QueueNumber")(check_queue_number)

    _name = field_validator("NetworkInterfaceName")(check_eni_name)
    _description = field_validator("Description")(description_check(255))  # Create says 256
    _groups = field_validator("SecurityGroupId")(check_unique_groups)

    def check_traffic(self, cloud: Cloud, eni: Eni) -> None:
        """Create's traffic rules, with the ENI's own mode where the call sets none."""
        sent = vars(self)
        asked = effective(sent, "NetworkInterfaceTrafficMode")
        mode = str(asked or eni.attributes.get("NetworkInterfaceTrafficMode", "Standard"))
        broken = broken_queue_rule(
            mode,
            effective(sent, "QueuePairNumber"),
            effective(sent, "TxQueueSize"),
            effective(sent, "RxQueueSize"),
        )
        if broken:
            raise EcsError(broken)
        if mode == "HighPerformance":
            if eni.type != "Secondary":
                raise EcsError(
                    "InvalidOperation.HighPerformanceTrafficModeEniUnsupported",
                    Expected="Secondary",
                    Actual=eni.type,
                )
            if self.EnablePrimaryIPv6 or eni.ipv6_addresses or eni.ipv6_prefixes:
                raise EcsError("InvalidOperation.EniTrafficModeNotSupportIpv6")
        settings = EniRequest(
            region_id=eni.region_id,
            vswitch_id=eni.vswitch_id,
            security_group_ids=(),
            traffic_mode=str(asked or "Standard"),
            queue_number=effective(sent, "QueueNumber"),
            sets_queue_size=effective(sent, "TxQueueSize") is not None
            or effective(sent, "RxQueueSize") is not None,
        )
        region_features(cloud, settings)
        limit = cloud.quotas.max_queues_per_eni
        if (settings.queue_number or 0) > limit:
            raise EcsError("InvalidOperation.MaxEniQueueNumberExceeded", Limit=limit)

    def to_changes(self) -> lifecycle.EniChanges:
        """What the simulator is asked to change (attributes by wire name, as create)."""
        sent = vars(self)
        stored = traffic_attributes(sent)
        mode = effective(sent, "NetworkInterfaceTrafficMode")
        if mode is not None:
            stored["NetworkInterfaceTrafficMode"] = mode
        if self.SourceDestCheck is not None:
            stored["SourceDestCheck"] = self.SourceDestCheck
        if self.EnablePrimaryIPv6:  # false asks for nothing: a primary IPv6 stays
            stored["EnablePrimaryIPv6"] = True
        for name in ("ConnectionTrackingConfiguration", "EnhancedNetwork"):
            value = getattr(self, name)
            if value is not None:
                stored[name] = value.model_dump(exclude_none=True)
        return lifecycle.EniChanges(
            name=self.NetworkInterfaceName,
            description=self.Description,
            security_group_ids=self.SecurityGroupId,
            delete_on_release=self.DeleteOnRelease,
            attributes=tuple(stored.items()),
            enable_primary_ipv6=bool(self.EnablePrimaryIPv6),
        )


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and apply; a ``SecurityGroupId.N`` set replaces the ENI's whole set."""
    request = parse(ModifyNetworkInterfaceAttributeRequest, params, keep_empty=frozenset())
    eni = lifecycle.find_eni(cloud, request.RegionId, request.NetworkInterfaceId)
    request.check_traffic(cloud, eni)
    lifecycle.modify(cloud, request.RegionId, request.NetworkInterfaceId, request.to_changes())
    return {}
