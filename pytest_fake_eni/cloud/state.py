"""The simulated account: ``Cloud`` holds every resource, the stores and the clock."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from netaddr import AddrFormatError, IPNetwork

from pytest_fake_eni.cloud import eni_create, invariants
from pytest_fake_eni.cloud.account import Account
from pytest_fake_eni.cloud.addresses import Cooling
from pytest_fake_eni.cloud.clock import Clock
from pytest_fake_eni.cloud.ids import IdFactory
from pytest_fake_eni.cloud.ipam import AddressLedger, ipv4_cidr, ipv4_network
from pytest_fake_eni.cloud.ipv6 import Ipv6Ledger
from pytest_fake_eni.cloud.quotas import Quotas
from pytest_fake_eni.cloud.resources import (
    Eni,
    EniRequest,
    Instance,
    Region,
    ResourceGroup,
    SecurityGroup,
    Vpc,
    VSwitch,
)
from pytest_fake_eni.cloud.tags import TagStore
from pytest_fake_eni.cloud.tokens import TokenStore
from pytest_fake_eni.cloud.transitions import Transitions

__all__ = [
    "DEFAULT_REGION",
    "DEFAULT_ZONES",
    "Cloud",
    "Eni",
    "EniRequest",
    "Instance",
    "Region",
    "ResourceGroup",
    "SecurityGroup",
    "VSwitch",
    "Vpc",
]

DEFAULT_REGION = "cn-hangzhou"
DEFAULT_ZONES = ("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j")


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
        self.instances: dict[str, Instance] = {}
        self.enis_created: list[str] = []
        """Every ENI id created, in order (the pipeline reads which a request created)."""
        self.tokens = TokenStore()
        """Every ClientToken's first answer (every action that takes one)."""
        self.tags = TagStore()
        """Every resource's tags."""
        self.transitions = Transitions(self.clock)
        """Changes under way, completed as the clock reaches them (see ``settle``)."""
        self.transition_delay = 0.0
        """Seconds (on ``clock``) that asynchronous changes (attach, detach, delete) take."""
        self.cooling = Cooling()
        """Freed private addresses kept out of use for a while (``address_reuse_delay``)."""

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
            vpc.tags = self.tags.register(vpc.vpc_id, "VPC", region_id)
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
            vsw.tags = self.tags.register(vsw.vswitch_id, "VSWITCH", vsw.region_id)
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
            sg.tags = self.tags.register(sg.security_group_id, "securitygroup", sg.region_id)
            self.security_groups[sg.security_group_id] = sg
            return sg

    # -- ENIs --------------------------------------------------------------------

    def create_eni(self, req: EniRequest, fingerprint: object = None) -> Eni:
        """Create an ENI as CreateNetworkInterface does: all or nothing, once per ClientToken.

        Checks run in the documented order: region, then existence (404), then
        state, quota and addresses (403). Raises ``EcsError``.
        """
        with self.lock:
            return self.tokens.once(
                "CreateNetworkInterface",
                req.region_id,
                req.client_token,
                fingerprint,
                lambda: eni_create.create_eni(self, req),
            )

    def settle(self) -> None:
        """Complete every change whose time has come on the clock."""
        with self.lock:
            self.transitions.settle()

    def check_invariants(self, quotas: bool = True) -> None:
        """Raise ``AssertionError`` if any simulator invariant is broken.

        No address held twice, ledgers and counts consistent, references intact; with
        ``quotas``, also that no quota as it stands now is exceeded (pass False after
        lowering a quota below what already exists).
        """
        with self.lock:
            invariants.check_invariants(self, quotas)


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
