"""The simulated account: regions, VPCs, vSwitches, security groups and ENIs."""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from netaddr import AddrFormatError, IPNetwork

from pytest_fake_eni.cloud.clock import Clock
from pytest_fake_eni.cloud.ids import IdFactory
from pytest_fake_eni.cloud.ipam import AddressLedger
from pytest_fake_eni.cloud.quotas import Quotas
from pytest_fake_eni.errors import EcsError

DEFAULT_REGION = "cn-hangzhou"
DEFAULT_ZONES = ("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j")


@dataclass
class Region:
    """A region the fake serves, with its zones."""

    region_id: str
    zone_ids: tuple[str, ...]


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


class Cloud:
    """All state of one fake account. Thread-safe: every method holds one lock."""

    def __init__(self, seed: int | str = 0, account_id: str = "1234567890123456") -> None:
        self.lock = threading.RLock()
        self.ids = IdFactory(seed)
        self.clock = Clock()
        self.quotas = Quotas()
        self.account_id = account_id
        self.regions: dict[str, Region] = {}
        self.vpcs: dict[str, Vpc] = {}
        self.vswitches: dict[str, VSwitch] = {}
        self.security_groups: dict[str, SecurityGroup] = {}
        self.enis: dict[str, Eni] = {}
        self.default_resource_group_id = "rg-" + self.ids.resource_id("rg", "")[-15:]
        # (region, token) -> (request fingerprint, snapshot of the ENI created)
        self._tokens: dict[tuple[str, str], tuple[object, Eni]] = {}

    # -- seeding ---------------------------------------------------------------

    def add_region(self, region_id: str, zone_ids: Sequence[str] = ()) -> Region:
        """Serve ``region_id`` with the given zones (``<region>-a`` when none)."""
        with self.lock:
            zones = tuple(zone_ids) or (f"{region_id}-a",)
            region = self.regions[region_id] = Region(region_id, zones)
            return region

    def add_vpc(self, cidr_block: str = "172.16.0.0/12", region_id: str = DEFAULT_REGION) -> Vpc:
        """A new VPC in ``region_id`` (which is added if the fake lacks it)."""
        net = _network(cidr_block, "cidr_block")
        with self.lock:
            if region_id not in self.regions:
                self.add_region(region_id)
            vpc = Vpc(self.ids.resource_id("vpc", region_id), region_id, str(net.cidr))
            self.vpcs[vpc.vpc_id] = vpc
            return vpc

    def add_vswitch(
        self,
        vpc_id: str,
        cidr_block: str,
        zone_id: str | None = None,
        available_ip_count: int | None = None,
        status: str = "Available",
    ) -> VSwitch:
        """A new vSwitch in ``vpc_id``; its CIDR must lie in the VPC's, mask /16 to /29."""
        net = _network(cidr_block, "cidr_block")
        if not 16 <= net.prefixlen <= 29:
            raise ValueError(f"a vSwitch CIDR mask is /16 to /29, not /{net.prefixlen}")
        with self.lock:
            vpc = self.vpcs.get(vpc_id)
            if vpc is None:
                raise ValueError(f"no VPC {vpc_id!r}; the fake has {sorted(self.vpcs)}")
            if net not in IPNetwork(vpc.cidr_block):
                raise ValueError(f"{cidr_block} is not inside the VPC's {vpc.cidr_block}")
            for other in self.vswitches.values():
                if other.vpc_id == vpc_id and IPNetwork(other.cidr_block).__contains__(net):
                    raise ValueError(f"{cidr_block} overlaps {other.vswitch_id}")
                if other.vpc_id == vpc_id and net.__contains__(IPNetwork(other.cidr_block)):
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
                AddressLedger(str(net.cidr), available_ip_count),
                status,
            )
            self.vswitches[vsw.vswitch_id] = vsw
            return vsw

    def add_security_group(self, vpc_id: str) -> SecurityGroup:
        """A new security group in ``vpc_id``."""
        with self.lock:
            vpc = self.vpcs.get(vpc_id)
            if vpc is None:
                raise ValueError(f"no VPC {vpc_id!r}; the fake has {sorted(self.vpcs)}")
            sg = SecurityGroup(self.ids.resource_id("sg", vpc.region_id), vpc_id, vpc.region_id)
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
        if len(req.security_group_ids) > self.quotas.max_security_groups_per_eni:
            limit = self.quotas.max_security_groups_per_eni
            raise EcsError("JoinedGroupLimitExceed", Limit=limit)
        if req.region_id not in self.regions:
            raise EcsError("Forbidden.RegionId", RegionId=req.region_id)
        vsw = self.vswitches.get(req.vswitch_id)
        if vsw is None or vsw.region_id != req.region_id:
            raise EcsError("InvalidVSwitchId.NotFound", VSwitchId=req.vswitch_id)
        for sg_id in req.security_group_ids:
            sg = self.security_groups.get(sg_id)
            if sg is None or sg.region_id != req.region_id:
                raise EcsError("InvalidSecurityGroupId.NotFound", SecurityGroupId=sg_id)
        for sg_id in req.security_group_ids:
            if self.security_groups[sg_id].vpc_id != vsw.vpc_id:
                raise EcsError(
                    "InvalidOperation.VpcMismatch", SecurityGroupId=sg_id, VSwitchId=vsw.vswitch_id
                )
        if self._enis_in_region(req.region_id) >= self.quotas.max_enis_per_region:
            raise EcsError("MaxEniCountExceeded", Limit=self.quotas.max_enis_per_region)
        explicit = self._explicit_addresses(vsw, req)
        wanted = len(explicit) + (0 if req.primary_ip_address else 1) + req.secondary_count
        if wanted > vsw.ledger.available:
            raise EcsError("InvalidVSwitchId.IpNotEnough", VSwitchId=vsw.vswitch_id)
        taken = vsw.ledger.take(explicit, wanted - len(explicit))
        addresses = [AddressLedger.text(a) for a in taken]
        if not req.primary_ip_address:
            # Chosen addresses come after the explicit secondaries: move one to the front.
            addresses.insert(0, addresses.pop(len(explicit)))
        eni = Eni(
            network_interface_id=self.ids.resource_id("eni", req.region_id),
            region_id=req.region_id,
            vswitch_id=vsw.vswitch_id,
            vpc_id=vsw.vpc_id,
            zone_id=vsw.zone_id,
            primary_ip_address=addresses[0],
            private_ip_addresses=addresses,
            security_group_ids=list(req.security_group_ids),
            mac_address=self.ids.mac_address(),
            creation_time=self.clock.timestamp(),
            owner_id=self.account_id,
            tags=dict(req.tags),
            name=req.name,
            description=req.description,
            type=req.type,
            client_token=req.client_token,
            resource_group_id=req.resource_group_id or self.default_resource_group_id,
            delete_on_release=req.delete_on_release,
            attributes=dict(req.attributes),
        )
        self.enis[eni.network_interface_id] = eni
        return eni

    def _enis_in_region(self, region_id: str) -> int:
        limit = self.quotas.max_enis_per_region
        if len(self.enis) < limit:  # the region holds no more than all: skip the O(n) count
            return len(self.enis)
        return sum(1 for e in self.enis.values() if e.region_id == region_id)

    def _explicit_addresses(self, vsw: VSwitch, req: EniRequest) -> list[int]:
        """The addresses the request names, primary first, checked to be free."""
        named = ([req.primary_ip_address] if req.primary_ip_address else []) + list(
            req.private_ip_addresses
        )
        ledger = vsw.ledger
        parsed: list[int] = []
        for text in named:
            address = ledger.parse(text)
            if address is None or not ledger.is_allocatable(address):
                raise EcsError("InvalidVSwitchId.IpInvalid", IpAddress=text)
            if address in parsed:
                raise EcsError("InvalidIp.IpRepeated", IpAddress=text)
            parsed.append(address)
        for text, address in zip(named, parsed, strict=True):
            if ledger.is_taken(address):
                raise EcsError("InvalidPrivateIpAddress.Duplicated", IpAddress=text)
        return parsed

    def check_invariants(self, quotas: bool = True) -> None:
        """Raise ``AssertionError`` if any simulator invariant is broken.

        With ``quotas``, also that no quota as it stands now is exceeded; pass False
        after lowering a quota below what already exists.
        """
        with self.lock:
            self._check_references(quotas)
            seen: dict[tuple[str, str], str] = {}
            per_vswitch: dict[str, int] = {}
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
                per_vswitch[eni.vswitch_id] = per_vswitch.get(eni.vswitch_id, 0) + len(
                    eni.private_ip_addresses
                )
            for vsw in self.vswitches.values():
                held = per_vswitch.get(vsw.vswitch_id, 0)
                assert vsw.ledger.taken_count == held, f"{vsw.vswitch_id}: ledger vs ENIs"
                assert vsw.ledger.available >= 0

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
            per_region[eni.region_id] = per_region.get(eni.region_id, 0) + 1
            if quotas:
                limit = self.quotas
                assert len(eni.security_group_ids) <= limit.max_security_groups_per_eni, name
                assert len(eni.private_ip_addresses) <= limit.max_private_ips_per_eni, name
        if quotas:
            for region, count in per_region.items():
                assert count <= self.quotas.max_enis_per_region, f"{region}: {count} ENIs"


def _network(cidr_block: str, what: str) -> IPNetwork:
    try:
        net = IPNetwork(cidr_block, version=4)
    except (AddrFormatError, ValueError, TypeError):
        raise ValueError(f"{what} {cidr_block!r} is not an IPv4 CIDR block") from None
    if net.network != net.ip:
        raise ValueError(f"{what} {cidr_block!r} has host bits set; use {net.cidr}")
    return net
