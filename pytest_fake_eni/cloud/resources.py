"""The simulator's resources: regions, VPCs, vSwitches, security groups, resource groups,
instances and ENIs, as plain dataclasses (the rules that change them live beside them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pytest_fake_eni.cloud.instance_types import InstanceType
from pytest_fake_eni.cloud.ipam import AddressLedger
from pytest_fake_eni.cloud.ipv6 import Ipv6Ledger

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
    tags: dict[str, str] = field(default_factory=dict)
    """Its entry in ``cloud.tags`` (type ``instance``)."""
    kind: InstanceType | None = None
    """Its instance type's entry (the limits it reports), None for an unknown type."""
    max_ipv6_per_eni: int | None = None
    """IPv6 addresses the instance type allows on each ENI (None: the type does not say)."""
    name: str = ""
    creation_time: str = ""
    resource_group_id: str = ""
    pending: tuple[str, float] | None = None
    """A start or stop under way: the status it ends in and when (on the fake's clock)."""


@dataclass
class Region:
    """A region the fake serves, with its zones."""

    region_id: str
    zone_ids: tuple[str, ...]
    ipv6_on_create: bool = True
    """IPv6 addresses may be assigned at create (else ``InvalidOperation.NotSupport``)."""
    ip_prefix: bool = True
    """IP prefixes are offered (else ``InvalidOperation.RegionNotSupportIpPrefix``)."""
    queue_size: bool = True
    """Tx/Rx queue sizes may be set (else ``InvalidEniQueueSize.RegionOrUserNotSupported``)."""
    connection_tracking: bool = True
    """Connection tracking may be configured (else ``InvalidConnectionTracking...``)."""
    high_performance_traffic: bool = True
    """``HighPerformance`` (eRDMA) is offered (else ``...TrafficModeIsNotAllowed``)."""
    trunking: bool = True
    """Trunk ENIs may be created (else ``InvalidOperation.TrunkingIsNotAllowed``)."""
    prefix_reservation_required: bool = False
    """Prefixes come only from CIDR reservations (else ``...VSwitchCidrReservationNotExist``)."""


@dataclass
class Vpc:
    """A virtual private cloud."""

    vpc_id: str
    region_id: str
    cidr_block: str
    name: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    """Its entry in ``cloud.tags`` (type ``VPC``)."""
    description: str = ""
    creation_time: str = ""
    """When it was created, in the API's format."""
    status: str = "Available"
    """``Pending`` while CreateVpc completes (``transition_delay``), then ``Available``."""
    ipv6_cidr_block: str | None = None
    """Its IPv6 /56 (CreateVpc ``EnableIpv6``), which vSwitches' /64s come from; or None."""
    resource_group_id: str = ""
    vrouter_id: str = ""
    route_table_id: str = ""
    """Its system route table (the table of each of its vSwitches)."""


@dataclass
class VSwitch:
    """A vSwitch: a CIDR in one zone of a VPC, and the ledger of its addresses."""

    vswitch_id: str
    vpc_id: str
    region_id: str
    zone_id: str
    ledger: AddressLedger
    status: str = "Available"
    name: str = ""
    ipv6_ledger: Ipv6Ledger | None = None
    """The IPv6 /64's ledger, None when the vSwitch has no IPv6."""
    reservations: list[CidrReservation] = field(default_factory=list)
    """CIDR reservations: when present, prefixes come only from them."""
    tags: dict[str, str] = field(default_factory=dict)
    """Its entry in ``cloud.tags`` (type ``VSWITCH``)."""
    description: str = ""
    creation_time: str = ""
    """When it was created, in the API's format."""
    resource_group_id: str = ""

    @property
    def reserved_cidr_blocks(self) -> tuple[str, ...]:
        """The CIDR blocks of its reservations (IPv4 and IPv6), oldest first."""
        return tuple(r.cidr_block for r in self.reservations)

    @property
    def ipv6_cidr_block(self) -> str | None:
        """The vSwitch's IPv6 /64, or None."""
        return self.ipv6_ledger.cidr_block if self.ipv6_ledger else None

    def enable_ipv6(self, ipv6_cidr_block: str) -> None:
        """Give the vSwitch an IPv6 /64 (e.g. on the default vSwitch)."""
        if self.ipv6_ledger is not None:
            raise ValueError(f"{self.vswitch_id} already has IPv6 {self.ipv6_cidr_block}")
        self.ipv6_ledger = Ipv6Ledger(ipv6_cidr_block)

    @property
    def cidr_block(self) -> str:
        """The vSwitch's IPv4 CIDR block."""
        return self.ledger.cidr_block

    @property
    def available_ip_count(self) -> int:
        """How many more addresses the vSwitch will hand out (live)."""
        return self.ledger.available

    @available_ip_count.setter
    def available_ip_count(self, count: int) -> None:
        self.ledger.available = count


@dataclass
class CidrReservation:
    """A vSwitch CIDR reservation (``vcr-...``): a block prefixes are carved from."""

    reservation_id: str
    vswitch_id: str
    cidr_block: str
    ip_version: str = "IPv4"
    """``IPv4`` or ``IPv6``."""
    type: str = "Prefix"
    name: str = ""
    description: str = ""
    creation_time: str = ""
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class SecurityGroup:
    """A security group; it belongs to one VPC."""

    security_group_id: str
    vpc_id: str
    region_id: str
    name: str = ""
    type: str = "normal"
    """``normal`` or ``enterprise``; an ENI cannot join both kinds."""
    network: str = "vpc"
    """``vpc`` or ``classic``; ENIs join only VPC groups."""
    managed_by: str | None = None
    """The cloud service managing the group (ENIs may not join it), or None."""
    max_instances: int | None = None
    """Members the group holds (None: 2000 for normal groups, 65536 for enterprise ones)."""
    rule_count: int = 0
    """ACL rules in the group; an ENI's groups share ``quotas.max_acl_rules_per_eni``."""
    tags: dict[str, str] = field(default_factory=dict)
    """Its entry in ``cloud.tags`` (type ``securitygroup``)."""
    description: str = ""
    creation_time: str = ""
    """When it was created, in the API's format."""
    resource_group_id: str = ""

    @property
    def capacity(self) -> int:
        """How many ENIs the group may hold."""
        if self.max_instances is not None:
            return self.max_instances
        return 65536 if self.type == "enterprise" else 2000


@dataclass
class ResourceGroup:
    """A resource group ENIs can be assigned to."""

    resource_group_id: str
    name: str = ""


@dataclass(slots=True)
class Eni:
    """An elastic network interface, as the fake holds it.

    The create passes the eleven required fields by position (a hot path): keep their order.
    """

    network_interface_id: str
    region_id: str
    vswitch_id: str
    vpc_id: str
    zone_id: str
    primary_ip_address: str
    private_ip_addresses: list[str]
    security_group_ids: list[str]
    mac_address: str
    creation_time: str
    owner_id: str
    tags: dict[str, str] = field(default_factory=dict)
    name: str = ""
    description: str = ""
    status: str = "Available"
    type: str = "Secondary"
    client_token: str | None = None
    resource_group_id: str = ""
    delete_on_release: bool | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    """Further request attributes stored and echoed (queues, traffic mode, ...)."""
    instance_id: str = ""
    """The instance the ENI is attached to (or attaching to), else empty."""
    device_index: int | None = None
    """The ENI's slot on its instance while attached."""
    pending: tuple[str, float] | None = None
    """A transition under way: the status it ends in and when (on the fake's clock)."""
    ipv6_addresses: list[str] = field(default_factory=list)
    """IPv6 addresses, the primary IPv6 (if enabled) first."""
    ipv4_prefixes: list[str] = field(default_factory=list)
    """IPv4 /28 prefixes held."""
    ipv6_prefixes: list[str] = field(default_factory=list)
    """IPv6 /80 prefixes held."""

    @property
    def secondary_ip_addresses(self) -> list[str]:
        """The private addresses other than the primary."""
        return self.private_ip_addresses[1:]


@dataclass(slots=True)
class EniRequest:
    """What a CreateNetworkInterface call asks the simulator for, validated.

    Built once per request and only read after: not ``frozen``, whose ``__init__`` costs
    ten times as much (a hot path).
    """

    region_id: str
    vswitch_id: str
    security_group_ids: Sequence[str]
    primary_ip_address: str | None = None
    private_ip_addresses: Sequence[str] = ()
    secondary_count: int = 0
    name: str = ""
    description: str = ""
    tags: Sequence[tuple[str, str]] = ()
    type: str = "Secondary"
    resource_group_id: str = ""
    delete_on_release: bool | None = None
    client_token: str | None = None
    attributes: tuple[tuple[str, Any], ...] = ()
    ipv6_addresses: Sequence[str] = ()
    ipv6_count: int = 0
    enable_primary_ipv6: bool = False
    ipv4_prefixes: Sequence[str] = ()
    ipv4_prefix_count: int = 0
    ipv6_prefixes: Sequence[str] = ()
    ipv6_prefix_count: int = 0
    traffic_mode: str = "Standard"
    queue_number: int | None = None
    sets_queue_size: bool = False
    sets_connection_tracking: bool = False
    extras: bool = field(init=False, default=False)
    """Anything beyond IPv4 addresses and the basics is asked for: IPv6, prefixes, the
    HighPerformance mode or a trunk. Most requests ask none, and skip every rule that
    reads them (set once, here: the create's steps each ask)."""

    def __post_init__(self) -> None:
        self.extras = bool(
            self.ipv6_addresses or self.ipv6_count or self.enable_primary_ipv6
            or self.ipv6_prefixes or self.ipv6_prefix_count
            or self.ipv4_prefixes or self.ipv4_prefix_count
            or self.traffic_mode != "Standard" or self.type != "Secondary"
        )  # fmt: skip

    @property
    def wants_ipv6(self) -> bool:
        """IPv6 addresses or prefixes are asked for."""
        return (
            bool(self.ipv6_addresses or self.ipv6_count or self.enable_primary_ipv6)
            or self.wants_ipv6_prefixes
        )

    @property
    def wants_ipv6_prefixes(self) -> bool:
        """IPv6 prefixes are asked for."""
        return bool(self.ipv6_prefixes or self.ipv6_prefix_count)

    @property
    def wants_ipv4_prefixes(self) -> bool:
        """IPv4 prefixes are asked for."""
        return bool(self.ipv4_prefixes or self.ipv4_prefix_count)

    @property
    def wants_prefixes(self) -> bool:
        """IPv4 or IPv6 prefixes are asked for."""
        return self.wants_ipv4_prefixes or self.wants_ipv6_prefixes

    @property
    def wants_high_performance(self) -> bool:
        """The ``HighPerformance`` traffic mode is asked for."""
        return self.traffic_mode == "HighPerformance"

    @property
    def wants_trunk(self) -> bool:
        """A trunk ENI is asked for."""
        return self.type == "Trunk"
