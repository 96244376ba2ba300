"""ECS instances: the hosts ENIs attach to."""

from __future__ import annotations

from dataclasses import dataclass, field

# Instance states in which ENIs may be attached, detached or given addresses.
ATTACHABLE_STATES = ("Running", "Stopped")


@dataclass
class Instance:
    """An ECS instance, as far as ENIs care: its place, its limits and its ENIs."""

    instance_id: str
    region_id: str
    zone_id: str
    vpc_id: str
    vswitch_id: str
    instance_type: str
    security_group_ids: list[str]
    status: str = "Running"
    max_enis: int = 3
    """ENIs the instance type allows, its primary ENI included."""
    max_private_ips_per_eni: int = 10
    """Private IPv4 addresses the instance type allows on each ENI."""
    primary_eni_id: str = ""
    eni_ids: list[str] = field(default_factory=list)
    """ENIs attached or attaching, the primary first."""
