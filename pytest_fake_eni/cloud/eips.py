"""Elastic IP addresses: the public address pools, the EIPs and their associations.

An EIP is allocated from a pool (an address is never handed out twice), associated with
one private address of an ENI (``NetworkInterface``) or with an instance's primary address
(``EcsInstance``), and released only while ``Available``. Associating and unassociating
take ``cloud.transition_delay`` on the clock (``Associating`` -> ``InUse``, ``Unassociating``
-> ``Available``); while an EIP is between states, other changes to it are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from pytest_fake_eni.cloud.ipam import AddressLedger, ipv4_network
from pytest_fake_eni.cloud.resources import ATTACHABLE_STATES, Eni
from pytest_fake_eni.errors import EcsError

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.state import Cloud

DEFAULT_POOL = "203.0.113.0/24"
"""The pool a fresh fake allocates from: TEST-NET-3, a documentation range (RFC 5737)."""
INSTANCE_TYPES = ("EcsInstance", "SlbInstance", "Nat", "HaVip", "NetworkInterface", "IpAddress")
"""The documented ``InstanceType`` values; the fake holds ENIs and instances only."""
TRANSITIONAL = ("Associating", "Unassociating")
ISPS = (
    "BGP",
    "BGP_PRO",
    "ChinaTelecom",
    "ChinaUnicom",
    "ChinaMobile",
    "ChinaTelecom_L2",
    "ChinaUnicom_L2",
    "ChinaMobile_L2",
    "BGP_FinanceCloud",
)
"""The documented line types (``ISP``)."""
BANDWIDTH_LIMITS = {"PayByBandwidth": 500, "PayByTraffic": 200}
"""The highest ``Bandwidth`` (Mbit/s) of a pay-as-you-go EIP, by metering method."""
PREPAID_BANDWIDTH_LIMIT = 1000


class PoolLedger(AddressLedger):
    """A public address pool: every address of the CIDR may be handed out."""

    RESERVED_HEAD = 0
    RESERVED_TAIL = 0


@dataclass(kw_only=True)
class EipSettings:
    """What an EIP is allocated with (and ModifyEipAddressAttribute partly changes)."""

    bandwidth: int = 5
    internet_charge_type: str = "PayByBandwidth"
    charge_type: str = "PostPaid"
    isp: str = "BGP"
    name: str = ""
    description: str = ""
    resource_group_id: str = ""


@dataclass
class Eip(EipSettings):
    """An elastic IP address and, while associated, where it points."""

    allocation_id: str
    region_id: str
    ip_address: str
    allocation_time: str
    status: str = "Available"
    instance_type: str = ""
    """``NetworkInterface`` or ``EcsInstance`` while associated, else empty."""
    instance_id: str = ""
    """The ENI or instance named when associating, else empty."""
    network_interface_id: str = ""
    """The ENI holding the address (an instance's primary ENI for ``EcsInstance``)."""
    private_ip_address: str = ""
    mode: str = "NAT"
    pending: float | None = None
    """When the transition under way completes (on the fake's clock), else None."""
    tags: dict[str, str] = field(default_factory=dict)
    """Its entry in ``cloud.tags`` (type ``EIP``)."""

    @property
    def associated(self) -> bool:
        """The EIP points at a private address (from the start of associating to the end
        of unassociating)."""
        return bool(self.network_interface_id)


class EipStore:
    """The EIPs of one account, the pools they come from and who holds which address."""

    def __init__(self) -> None:
        self.eips: dict[str, Eip] = {}
        self.pools: list[PoolLedger] = [PoolLedger(DEFAULT_POOL)]
        """Every pool, the default first; allocation draws from ``drawing``."""
        self.max_eips_per_region = 20
        """EIPs one account may hold in a region (``QuotaExceeded.Eip``)."""
        self._own_pools = False
        self._held: dict[str, dict[str, str]] = {}  # ENI id -> private IP -> allocation id

    def add_pool(self, cidr_block: str) -> PoolLedger:
        """Add a pool; the first one added replaces the default pool for new EIPs."""
        try:
            net = ipv4_network(cidr_block)
        except ValueError:
            raise ValueError(f"pool {cidr_block!r} is not an IPv4 CIDR block") from None
        if net.network != net.ip:
            raise ValueError(f"pool {cidr_block!r} has host bits set; use {net.cidr}")
        for pool in self.drawing():
            other = ipv4_network(pool.cidr_block)
            if net in other or other in net:
                raise ValueError(f"pool {cidr_block} overlaps pool {pool.cidr_block}")
        self._own_pools = True
        pool = PoolLedger(cidr_block)
        self.pools.append(pool)
        return pool

    def drawing(self) -> list[PoolLedger]:
        """The pools new EIPs come from: the added ones, or the default while none is."""
        return self.pools[1:] if self._own_pools else self.pools[:1]

    def pool_of(self, address: int) -> PoolLedger | None:
        """The pool holding ``address`` (the newest when pools overlap the default)."""
        for pool in reversed(self.pools):
            if pool.first <= address <= pool.last:
                return pool
        return None

    def on_eni(self, eni_id: str) -> dict[str, Eip]:
        """The EIPs an ENI holds, by private address."""
        held = self._held.get(eni_id)
        return {ip: self.eips[a] for ip, a in held.items()} if held else {}

    def held(self) -> dict[str, dict[str, str]]:
        """ENI id -> private address -> allocation id (a copy, for invariant checks)."""
        return {eni: dict(ips) for eni, ips in self._held.items()}

    def bind(self, eip: Eip, eni_id: str, private_ip: str) -> None:
        """Point ``eip`` at ``private_ip`` of ``eni_id``."""
        eip.network_interface_id, eip.private_ip_address = eni_id, private_ip
        self._held.setdefault(eni_id, {})[private_ip] = eip.allocation_id

    def unbind(self, eip: Eip) -> None:
        """``eip`` points nowhere; it is ``Available``."""
        held = self._held.get(eip.network_interface_id, {})
        held.pop(eip.private_ip_address, None)
        if not held:
            self._held.pop(eip.network_interface_id, None)
        eip.status, eip.pending = "Available", None
        eip.instance_type = eip.instance_id = eip.network_interface_id = ""
        eip.private_ip_address = ""

    def __len__(self) -> int:
        return len(self.eips)


# -- lookups and the transition ------------------------------------------------------


def known_region(cloud: Cloud, region_id: str) -> None:
    """``Forbidden.RegionNotFound`` for a region the fake does not serve."""
    if region_id not in cloud.regions:
        raise EcsError("Forbidden.RegionNotFound", RegionId=region_id)


def find(cloud: Cloud, region_id: str, allocation_id: str) -> Eip:
    """The EIP ``allocation_id`` of ``region_id``, or ``InvalidAllocationId.NotFound``."""
    known_region(cloud, region_id)
    eip = cloud.eips.eips.get(allocation_id)
    if eip is None or eip.region_id != region_id:
        raise EcsError("InvalidAllocationId.NotFound", Value=allocation_id)
    return eip


def _settled(eip: Eip, code: str) -> None:
    if eip.status in TRANSITIONAL:  # the task under way blocks every other
        raise EcsError(code, Status=eip.status)


def _begin(cloud: Cloud, eip: Eip, interim: str, done: Callable[[], None]) -> None:
    if cloud.transition_delay <= 0:
        done()
        return
    eip.status = interim

    def complete() -> None:
        if eip.pending == due and cloud.eips.eips.get(eip.allocation_id) is eip:
            done()

    due = cloud.transitions.schedule(cloud.transition_delay, complete)
    eip.pending = due


# -- the operations ------------------------------------------------------------------


@dataclass
class EipRequest(EipSettings):
    """What an AllocateEipAddress call asks for, validated."""

    region_id: str
    ip_address: str | None = None
    tags: Sequence[tuple[str, str]] = ()


def allocate(cloud: Cloud, req: EipRequest) -> Eip:
    """AllocateEipAddress: an address from a pool (or the one named), never one held."""
    store = cloud.eips
    if req.region_id not in cloud.regions:
        raise EcsError("InvalidRegionId.NotFound", RegionId=req.region_id)
    limit = PREPAID_BANDWIDTH_LIMIT if req.charge_type == "PrePaid" else None
    check_bandwidth(req.bandwidth, req.internet_charge_type, limit)
    group = req.resource_group_id or cloud.default_resource_group_id
    if group not in cloud.resource_groups:
        raise EcsError("InvalidResourceGroupId", ResourceGroupId=group)
    count = sum(1 for e in store.eips.values() if e.region_id == req.region_id)
    if count >= store.max_eips_per_region:
        raise EcsError("QuotaExceeded.Eip", Limit=store.max_eips_per_region)
    if req.ip_address is not None:
        pool, address = _named(store, req.ip_address)
        pool.take([address], 0)
    else:
        free = next((p for p in store.drawing() if p.available > 0), None)
        if free is None:
            raise EcsError("OperationFailed.InsufficientEIP")
        (address,) = free.take([], 1)
    settings = {f.name: getattr(req, f.name) for f in fields(EipSettings)}
    eip = Eip(
        allocation_id=cloud.ids.resource_id("eip", req.region_id),
        region_id=req.region_id,
        ip_address=AddressLedger.text(address),
        allocation_time=cloud.clock.timestamp(),
        **{**settings, "resource_group_id": group},
    )
    eip.tags = cloud.tags.register(eip.allocation_id, "EIP", req.region_id, req.tags)
    store.eips[eip.allocation_id] = eip
    return eip


def _named(store: EipStore, text: str) -> tuple[PoolLedger, int]:
    address = store.pools[0].parse(text)
    pool = store.pool_of(address) if address is not None else None
    if pool is None or address is None:
        raise EcsError("ResourceNotFound.Ip", IpAddress=text)
    if pool.is_taken(address):
        raise EcsError("Ip.Allocated", IpAddress=text)
    return pool, address


def check_bandwidth(bandwidth: int, internet_charge_type: str, limit: int | None = None) -> None:
    """``InvalidParameter`` unless ``bandwidth`` is within its metering method's range."""
    top = limit or BANDWIDTH_LIMITS.get(internet_charge_type, 500)
    if not 1 <= bandwidth <= top:
        raise EcsError("InvalidParameter", Parameter="Bandwidth")


@dataclass(frozen=True)
class Target:
    """Where AssociateEipAddress points an EIP."""

    instance_id: str
    instance_type: str = "EcsInstance"
    private_ip_address: str | None = None
    mode: str = "NAT"


def associate(cloud: Cloud, region_id: str, allocation_id: str, target: Target) -> None:
    """AssociateEipAddress: ``Available`` -> ``Associating`` -> ``InUse``."""
    eip = find(cloud, region_id, allocation_id)
    if target.instance_type not in INSTANCE_TYPES:
        raise EcsError("InvalidInstanceType.ValueNotSupported", Value=target.instance_type)
    _settled(eip, "TaskConflict")
    if eip.status != "Available":
        raise EcsError("IncorrectEipStatus", Status=eip.status)
    eni, private_ip = _target(cloud, eip, target)
    holder = cloud.eips.on_eni(eni.network_interface_id).get(private_ip)
    if holder is not None:
        raise EcsError("InvalidAssociation.Duplicated", InstanceId=target.instance_id)
    eip.instance_type, eip.instance_id, eip.mode = (
        target.instance_type,
        target.instance_id,
        target.mode,
    )
    cloud.eips.bind(eip, eni.network_interface_id, private_ip)

    def done() -> None:
        eip.status, eip.pending = "InUse", None

    _begin(cloud, eip, "Associating", done)


def _target(cloud: Cloud, eip: Eip, target: Target) -> tuple[Eni, str]:
    """The ENI and private address ``target`` names, checked in the documented order."""
    if target.instance_type == "NetworkInterface":
        eni = cloud.enis.get(target.instance_id)
        if eni is None:
            raise EcsError("InvalidInstanId.NotFound", InstanceId=target.instance_id)
        if eni.region_id != eip.region_id:
            raise EcsError("InvalidParameter.Mismatch", InstanceId=target.instance_id)
        if eni.type == "Primary":  # an instance's own ENI: associate with the instance
            raise EcsError("InvalidParameter.InstanceTypeNotSupport", Value=eni.type)
        if eni.status not in ("Available", "InUse"):
            raise EcsError("InvalidStatus.EniStatusNotSupport", Status=eni.status)
    elif target.instance_type == "EcsInstance":
        instance = cloud.instances.get(target.instance_id)
        if instance is None:
            raise EcsError("InvalidInstanId.NotFound", InstanceId=target.instance_id)
        if instance.region_id != eip.region_id:
            raise EcsError("InvalidParameter.Mismatch", InstanceId=target.instance_id)
        if instance.status not in ATTACHABLE_STATES:
            raise EcsError("IncorrectInstanceStatus", Status=instance.status)
        eni = cloud.enis[instance.primary_eni_id]
        if target.private_ip_address not in (None, eni.primary_ip_address):
            raise EcsError("InvalidParameter", Parameter="PrivateIpAddress")
    else:  # NAT gateways, load balancers, HaVips: the fake holds none
        raise EcsError("InvalidInstanId.NotFound", InstanceId=target.instance_id)
    private_ip = target.private_ip_address or eni.primary_ip_address
    if private_ip not in eni.private_ip_addresses:
        raise EcsError("InvalidParameter", Parameter="PrivateIpAddress")
    return eni, private_ip


def unassociate(cloud: Cloud, region_id: str, allocation_id: str, target: Target | None) -> None:
    """UnassociateEipAddress: ``InUse`` -> ``Unassociating`` -> ``Available``.

    ``target`` (when the request names one) must be where the EIP points; its empty
    fields are not compared.
    """
    eip = find(cloud, region_id, allocation_id)
    if target is not None and target.instance_type not in ("", *INSTANCE_TYPES):
        raise EcsError("InvalidInstanceType.ValueNotSupported", Value=target.instance_type)
    _settled(eip, "TaskConflict")
    if eip.status != "InUse":
        raise EcsError("IncorrectEipStatus", Status=eip.status)
    if target is not None:
        _same_target(cloud, eip, target)
    instance = cloud.instances.get(eip.instance_id)
    if instance is not None and instance.status not in ATTACHABLE_STATES:
        raise EcsError("IncorrectInstanceStatus", Status=instance.status)
    _begin(cloud, eip, "Unassociating", lambda: cloud.eips.unbind(eip))


def _same_target(cloud: Cloud, eip: Eip, target: Target) -> None:
    if target.instance_id and (
        target.instance_id not in cloud.enis and target.instance_id not in cloud.instances
    ):
        raise EcsError("InvalidInstanceId.NotFound", InstanceId=target.instance_id)
    wanted = (target.instance_id, target.instance_type, target.private_ip_address)
    actual = (eip.instance_id, eip.instance_type, eip.private_ip_address)
    if any(w and w != a for w, a in zip(wanted, actual, strict=True)):
        raise EcsError("InvalidBindInstance.NotFound", InstanceId=target.instance_id)


def release(cloud: Cloud, region_id: str, allocation_id: str) -> None:
    """ReleaseEipAddress: only an ``Available`` pay-as-you-go EIP; its address goes back."""
    eip = find(cloud, region_id, allocation_id)
    if eip.status != "Available":
        raise EcsError("IncorrectEipStatus", Status=eip.status)
    if eip.charge_type == "PrePaid":
        raise EcsError("Forbidden.ChargeTypeIsPrepaid")
    address = cloud.eips.pools[0].parse(eip.ip_address)
    pool = cloud.eips.pool_of(address) if address is not None else None
    if pool is not None and address is not None:
        pool.release([address])
    del cloud.eips.eips[allocation_id]
    cloud.tags.forget(allocation_id)


@dataclass(frozen=True)
class EipChanges:
    """What ModifyEipAddressAttribute asks to change (None: leave as is)."""

    bandwidth: int | None = None
    name: str | None = None
    description: str | None = None


def modify(cloud: Cloud, region_id: str, allocation_id: str, changes: EipChanges) -> None:
    """ModifyEipAddressAttribute: name, description and bandwidth, not mid-transition."""
    eip = find(cloud, region_id, allocation_id)
    _settled(eip, "IncorrectEipStatus")
    if changes.bandwidth is not None:
        check_bandwidth(changes.bandwidth, eip.internet_charge_type)
        eip.bandwidth = changes.bandwidth
    if changes.name is not None:
        eip.name = changes.name
    if changes.description is not None:
        eip.description = changes.description


# -- the ENI side ----------------------------------------------------------------------


def refuse_held(cloud: Cloud, eni_id: str, addresses: Iterable[str] | None = None) -> None:
    """``InvalidOperation.InvalidEniState`` when the ENI (or one of ``addresses``) holds
    an EIP: it must be unassociated first."""
    held = cloud.eips.on_eni(eni_id)
    for ip in held if addresses is None else addresses:
        if ip in held:
            raise EcsError(
                "InvalidOperation.InvalidEniState", variant="eip", IpAddress=held[ip].ip_address
            )


def let_go(cloud: Cloud, eni_id: str) -> None:
    """The ENI is going away (its instance is released): its EIPs are unassociated at once."""
    for eip in cloud.eips.on_eni(eni_id).values():
        cloud.eips.unbind(eip)
