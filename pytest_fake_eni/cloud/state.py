"""The simulated account: regions, VPCs, vSwitches, security groups and ENIs."""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from netaddr import AddrFormatError, IPNetwork

from pytest_fake_eni.cloud.account import Account
from pytest_fake_eni.cloud.clock import Clock
from pytest_fake_eni.cloud.ids import IdFactory
from pytest_fake_eni.cloud.instances import Instance
from pytest_fake_eni.cloud.ipam import AddressLedger, ipv4_cidr, ipv4_network
from pytest_fake_eni.cloud.ipv6 import Ipv6Ledger
from pytest_fake_eni.cloud.quotas import Quotas
from pytest_fake_eni.errors import EcsError

DEFAULT_REGION = "cn-hangzhou"
DEFAULT_ZONES = ("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j")


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
    reserved_cidr_blocks: tuple[str, ...] = ()
    """CIDR reservations: when present, prefixes come only from them."""

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


@dataclass
class Eni:
    """An elastic network interface, as the fake holds it."""

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


@dataclass(frozen=True)
class EniRequest:
    """What a CreateNetworkInterface call asks the simulator for, validated."""

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


class Cloud:
    """All state of one fake account. Thread-safe: every method holds one lock."""

    def __init__(self, seed: int | str = 0, account_id: str = "1234567890123456") -> None:
        self.lock = threading.RLock()
        self.ids = IdFactory(seed)
        self.clock = Clock()
        self.quotas = Quotas()
        self.account = Account()
        self.account_id = account_id
        self.regions: dict[str, Region] = {}
        self.vpcs: dict[str, Vpc] = {}
        self.vswitches: dict[str, VSwitch] = {}
        self.security_groups: dict[str, SecurityGroup] = {}
        self.enis: dict[str, Eni] = {}
        self.default_resource_group_id = "rg-" + self.ids.resource_id("rg", "")[-15:]
        self.resource_groups: dict[str, ResourceGroup] = {
            self.default_resource_group_id: ResourceGroup(self.default_resource_group_id, "default")
        }
        # (region, token) -> (request fingerprint, snapshot of the ENI created)
        self._tokens: dict[tuple[str, str], tuple[object, Eni]] = {}
        self.instances: dict[str, Instance] = {}
        self.transition_delay = 0.0
        """Seconds (on ``clock``) that attach, detach and delete take to complete."""
        # (region, token) -> (request fingerprint, response) of AssignPrivateIpAddresses
        self.assign_tokens: dict[tuple[str, str], tuple[object, dict[str, Any]]] = {}

    # -- seeding ---------------------------------------------------------------

    def add_region(self, region_id: str, zone_ids: Sequence[str] = (), **features: bool) -> Region:
        """Serve ``region_id`` with the given zones (``<region>-a`` when none).

        ``features`` are ``Region`` flags, e.g. ``ipv6_on_create=False``; a region
        already served keeps its zones and gets the flags set.
        """
        with self.lock:
            region = self.regions.get(region_id)
            if region is None:
                zones = tuple(zone_ids) or (f"{region_id}-a",)
                region = self.regions[region_id] = Region(region_id, zones)
            for name, value in features.items():
                if not hasattr(region, name) or name in ("region_id", "zone_ids"):
                    raise TypeError(f"Region has no feature flag {name!r}")
                setattr(region, name, value)
            return region

    def add_resource_group(self, name: str = "") -> ResourceGroup:
        """A new resource group."""
        with self.lock:
            group_id = "rg-" + self.ids.resource_id("rg", "")[-15:]
            group = self.resource_groups[group_id] = ResourceGroup(group_id, name)
            return group

    def add_vpc(self, cidr_block: str = "172.16.0.0/12", region_id: str = DEFAULT_REGION) -> Vpc:
        """A new VPC in ``region_id`` (which is added if the fake lacks it)."""
        _network(cidr_block, "cidr_block")  # a ValueError names what is wrong with it
        with self.lock:
            if region_id not in self.regions:
                self.add_region(region_id)
            vpc = Vpc(self.ids.resource_id("vpc", region_id), region_id, ipv4_cidr(cidr_block))
            self.vpcs[vpc.vpc_id] = vpc
            return vpc

    def add_vswitch(
        self,
        vpc_id: str,
        cidr_block: str,
        zone_id: str | None = None,
        available_ip_count: int | None = None,
        status: str = "Available",
        ipv6_cidr_block: str | None = None,
        reserved_cidr_blocks: Sequence[str] = (),
    ) -> VSwitch:
        """A new vSwitch in ``vpc_id``; its CIDR must lie in the VPC's, mask /16 to /29.

        ``ipv6_cidr_block`` gives it an IPv6 /64; ``reserved_cidr_blocks`` are CIDR
        reservations (IPv4 inside the CIDR, IPv6 inside the /64) prefixes come from.
        """
        net = _network(cidr_block, "cidr_block")
        ipv6 = Ipv6Ledger(ipv6_cidr_block) if ipv6_cidr_block else None
        reservations = tuple(_reservation(r, net, ipv6) for r in reserved_cidr_blocks)
        if not 16 <= net.prefixlen <= 29:
            raise ValueError(f"a vSwitch CIDR mask is /16 to /29, not /{net.prefixlen}")
        with self.lock:
            vpc = self._vpc(vpc_id)
            if net not in ipv4_network(vpc.cidr_block):
                raise ValueError(f"{cidr_block} is not inside the VPC's {vpc.cidr_block}")
            for other in self.vswitches.values():
                if other.vpc_id == vpc_id and ipv4_network(other.cidr_block).__contains__(net):
                    raise ValueError(f"{cidr_block} overlaps {other.vswitch_id}")
                if other.vpc_id == vpc_id and net.__contains__(ipv4_network(other.cidr_block)):
                    raise ValueError(f"{cidr_block} overlaps {other.vswitch_id}")
            zones = self.regions[vpc.region_id].zone_ids
            zone = zone_id or zones[0]
            if zone not in zones:
                raise ValueError(f"zone {zone!r} is not in {vpc.region_id}: {list(zones)}")
            vsw = VSwitch(
                self.ids.resource_id("vsw", vpc.region_id),
                vpc_id,
                vpc.region_id,
                zone,
                AddressLedger(cidr_block, available_ip_count),
                status,
                ipv6_ledger=ipv6,
                reserved_cidr_blocks=reservations,
            )
            self.vswitches[vsw.vswitch_id] = vsw
            return vsw

    def _vpc(self, vpc_id: str) -> Vpc:
        vpc = self.vpcs.get(vpc_id)
        if vpc is None:
            raise ValueError(f"no VPC {vpc_id!r}; the fake has {sorted(self.vpcs)}")
        return vpc

    def add_security_group(
        self,
        vpc_id: str,
        *,
        type: str = "normal",
        network: str = "vpc",
        managed_by: str | None = None,
        max_instances: int | None = None,
        rule_count: int = 0,
    ) -> SecurityGroup:
        """A new security group in ``vpc_id`` (see ``SecurityGroup`` for the options)."""
        if type not in ("normal", "enterprise") or network not in ("vpc", "classic"):
            raise ValueError("type is normal|enterprise and network is vpc|classic")
        with self.lock:
            vpc = self._vpc(vpc_id)
            sg = SecurityGroup(
                self.ids.resource_id("sg", vpc.region_id),
                vpc_id,
                vpc.region_id,
                type=type,
                network=network,
                managed_by=managed_by,
                max_instances=max_instances,
                rule_count=rule_count,
            )
            self.security_groups[sg.security_group_id] = sg
            return sg

    # -- ENIs --------------------------------------------------------------------

    def create_eni(self, req: EniRequest, fingerprint: object = None) -> Eni:
        """Create an ENI as CreateNetworkInterface does: all or nothing.

        Checks run in the documented order: region, then existence (404), then
        state, quota and addresses (403). Raises ``EcsError``.
        """
        with self.lock:
            if req.client_token is not None:
                prior = self._tokens.get((req.region_id, req.client_token))
                if prior is not None:
                    if prior[0] != fingerprint:
                        raise EcsError("IdempotentParameterMismatch")
                    return copy.deepcopy(prior[1])
            eni = self._create_eni(req)
            if req.client_token is not None:
                self._tokens[(req.region_id, req.client_token)] = (fingerprint, copy.deepcopy(eni))
            return eni

    def _create_eni(self, req: EniRequest) -> Eni:
        from pytest_fake_eni.cloud.eni_create import create_eni

        return create_eni(self, req)

    def check_invariants(self, quotas: bool = True) -> None:
        """Raise ``AssertionError`` if any simulator invariant is broken.

        With ``quotas``, also that no quota as it stands now is exceeded; pass False
        after lowering a quota below what already exists.
        """
        with self.lock:
            self._check_references(quotas)
            seen: dict[tuple[str, str], str] = {}
            per_vswitch: dict[str, int] = {}
            per_ipv6: dict[str, int] = {}
            per_prefix6: dict[str, int] = {}
            for eni in self.enis.values():
                vsw = self.vswitches[eni.vswitch_id]
                assert eni.private_ip_addresses[0] == eni.primary_ip_address
                for text in eni.private_ip_addresses:
                    key = (eni.vswitch_id, text)
                    assert key not in seen, (
                        f"{text} held by {seen[key]} and {eni.network_interface_id}"
                    )
                    seen[key] = eni.network_interface_id
                    address = vsw.ledger.parse(text)
                    assert address is not None and vsw.ledger.is_allocatable(address), text
                    assert vsw.ledger.is_taken(address), f"{text} not marked taken"
                per_vswitch[eni.vswitch_id] = (
                    per_vswitch.get(eni.vswitch_id, 0)
                    + len(eni.private_ip_addresses)
                    + 16 * len(eni.ipv4_prefixes)  # a /28 holds 16 addresses
                )
                per_ipv6[eni.vswitch_id] = per_ipv6.get(eni.vswitch_id, 0) + len(eni.ipv6_addresses)
                per_prefix6[eni.vswitch_id] = per_prefix6.get(eni.vswitch_id, 0) + len(
                    eni.ipv6_prefixes
                )
            for vsw in self.vswitches.values():
                held = per_vswitch.get(vsw.vswitch_id, 0)
                assert vsw.ledger.taken_count == held, f"{vsw.vswitch_id}: ledger vs ENIs"
                assert vsw.ledger.available >= 0
                if vsw.ipv6_ledger is not None:
                    held6 = per_ipv6.get(vsw.vswitch_id, 0)
                    assert vsw.ipv6_ledger.taken_count == held6, f"{vsw.vswitch_id}: IPv6"
                    prefixes6 = per_prefix6.get(vsw.vswitch_id, 0)
                    assert vsw.ipv6_ledger.prefix_count == prefixes6, f"{vsw.vswitch_id}: /80s"

    def _check_references(self, quotas: bool) -> None:
        """Ids unique and keyed right, ENIs consistent with their vSwitch and groups, quotas."""
        macs: dict[str, str] = {}
        per_region: dict[str, int] = {}
        for key, eni in self.enis.items():
            name = eni.network_interface_id
            assert key == name, f"{name} stored under {key}"
            assert eni.mac_address not in macs, f"{eni.mac_address}: {macs.get(eni.mac_address)}"
            macs[eni.mac_address] = name
            vsw = self.vswitches.get(eni.vswitch_id)
            assert vsw is not None, f"{name}: no vSwitch {eni.vswitch_id}"
            assert (eni.vpc_id, eni.zone_id, eni.region_id) == (
                vsw.vpc_id, vsw.zone_id, vsw.region_id
            ), f"{name} disagrees with {vsw.vswitch_id}"  # fmt: skip
            assert eni.security_group_ids, f"{name} is in no security group"
            for sg_id in eni.security_group_ids:
                sg = self.security_groups.get(sg_id)
                assert sg is not None and sg.vpc_id == eni.vpc_id, f"{name}: group {sg_id}"
            if eni.type != "Primary":  # an instance's own ENI is not under the quota
                per_region[eni.region_id] = per_region.get(eni.region_id, 0) + 1
            if quotas:
                limit = self.quotas
                assert len(eni.security_group_ids) <= limit.max_security_groups_per_eni, name
                assert len(eni.private_ip_addresses) <= limit.max_private_ips_per_eni, name
        if quotas:
            for region, count in per_region.items():
                assert count <= self.quotas.max_enis_per_region, f"{region}: {count} ENIs"


def _reservation(text: str, net: IPNetwork, ipv6: Ipv6Ledger | None) -> str:
    try:
        block = IPNetwork(text)
    except (AddrFormatError, ValueError, TypeError):
        raise ValueError(f"reserved CIDR block {text!r} is not a CIDR block") from None
    inside = (
        block in net
        if block.version == 4
        else ipv6 is not None and block in IPNetwork(ipv6.cidr_block)
    )
    if not inside or block.network != block.ip:
        raise ValueError(f"reserved CIDR block {text!r} is not a network inside the vSwitch")
    return str(block.cidr)


def _network(cidr_block: str, what: str) -> IPNetwork:
    try:
        net = ipv4_network(cidr_block)
    except (ValueError, TypeError):  # TypeError: unhashable, so not a string at all
        raise ValueError(f"{what} {cidr_block!r} is not an IPv4 CIDR block") from None
    if net.network != net.ip:
        raise ValueError(f"{what} {cidr_block!r} has host bits set; use {net.cidr}")
    return net
