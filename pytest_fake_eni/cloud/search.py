"""Which ENIs a DescribeNetworkInterfaces filter selects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pytest_fake_eni.cloud.resources import Eni


@dataclass(frozen=True)
class EniFilter:
    """Every DescribeNetworkInterfaces filter; None (or empty) means "any"."""

    region_id: str
    vswitch_id: str | None = None
    vpc_id: str | None = None
    primary_ip_address: str | None = None
    private_ip_addresses: Sequence[str] = ()
    ipv6_addresses: Sequence[str] = ()
    security_group_id: str | None = None
    name: str | None = None
    type: str | None = None
    instance_id: str | None = None
    status: str | None = None
    network_interface_ids: Sequence[str] = ()
    service_managed: bool | None = None
    resource_group_id: str | None = None
    tags: Sequence[tuple[str, str | None]] = ()

    def matches(self, eni: Eni) -> bool:
        """True when ``eni`` passes every filter given."""
        scalars = (
            (self.vswitch_id, eni.vswitch_id),
            (self.vpc_id, eni.vpc_id),
            (self.primary_ip_address, eni.primary_ip_address),
            (self.name, eni.name),
            (self.type, eni.type),
            (self.instance_id, eni.instance_id),
            (self.status, eni.status),
            (self.resource_group_id, eni.resource_group_id),
        )
        if eni.region_id != self.region_id:
            return False
        if any(want is not None and want != have for want, have in scalars):
            return False
        if (
            self.network_interface_ids
            and eni.network_interface_id not in self.network_interface_ids
        ):
            return False
        if self.private_ip_addresses and not set(self.private_ip_addresses) & set(
            eni.private_ip_addresses
        ):
            return False
        if self.ipv6_addresses and not set(self.ipv6_addresses) & set(eni.ipv6_addresses):
            return False
        # The security-group filter applies to secondary ENIs only (documented).
        if self.security_group_id is not None and (
            eni.type == "Primary" or self.security_group_id not in eni.security_group_ids
        ):
            return False
        managed = bool(eni.attributes.get("ServiceManaged", False))
        if self.service_managed is not None and managed != self.service_managed:
            return False
        return all(
            key in eni.tags and (value is None or eni.tags[key] == value)
            for key, value in self.tags
        )


def select(enis: Sequence[Eni], wanted: EniFilter) -> list[Eni]:
    """The ENIs ``wanted`` selects, in creation order."""
    return [eni for eni in enis if wanted.matches(eni)]
