"""The rules of the network resources: creating and deleting VPCs, vSwitches, security
groups and vSwitch CIDR reservations.

The fixture methods (``Cloud.add_vpc`` ...) and the API actions (CreateVpc ...) both call
these, so what either creates is the same object, held in the same dicts and listed by
every Describe call. A broken rule raises the documented ``EcsError``; its ``Reason``
detail says in plain words what is wrong (the fixture methods raise that as ``ValueError``).
The caller holds ``cloud.lock``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from netaddr import AddrFormatError, IPNetwork

from pytest_fake_eni.cloud.ipam import AddressLedger, ipv4_bounds, ipv4_cidr, ipv4_network
from pytest_fake_eni.cloud.ipv6 import Ipv6Ledger
from pytest_fake_eni.cloud.resources import CidrReservation, SecurityGroup, Vpc, VSwitch
from pytest_fake_eni.errors import EcsError

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.state import Cloud

Tags = Iterable[tuple[str, str]]

DEFAULT_VPC_CIDR = "172.16.0.0/12"
MAX_VSWITCHES_PER_VPC = 150
"""Documented: at most 150 vSwitches in a VPC (``QuotaExceeded.VSwitch``)."""
DEPENDENCY_VIOLATION_ECS = 403
"""ECS documents ``DependencyViolation`` at 403 (DeleteSecurityGroup), VPC at 400."""


def refuse(code: str, reason: str, variant: str | None = None, **details: Any) -> EcsError:
    """The documented error ``code``, with ``reason`` in plain words (``Reason``)."""
    return EcsError(code, variant=variant, Reason=reason, **details)


def reason(err: EcsError) -> str:
    """What a refusal says in plain words (its ``Reason``, else its message)."""
    return str(err.details.get("Reason", err.message))


# -- CIDR blocks ------------------------------------------------------------------


def ipv4_block(text: str, what: str = "cidr_block") -> IPNetwork:
    """An IPv4 network written as such (no host bits), or ``InvalidCidrBlock.Malformed``."""
    try:
        net = ipv4_network(text)
    except (ValueError, TypeError):  # TypeError: unhashable, so not a string at all
        raise refuse(
            "InvalidCidrBlock.Malformed", f"{what} {text!r} is not an IPv4 CIDR block"
        ) from None
    if not _is_network(text):
        raise refuse(
            "InvalidCidrBlock.Malformed", f"{what} {text!r} has host bits set; use {net.cidr}"
        )
    return net


@functools.lru_cache(maxsize=1024)
def _is_network(cidr_block: str) -> bool:
    """No host bits set in the IPv4 ``cidr_block`` (cached: every fake checks its defaults)."""
    net = ipv4_network(cidr_block)
    return bool(net.network == net.ip)


def _ipv6_block(text: str, prefixlen: int, what: str) -> IPNetwork:
    try:
        net = IPNetwork(text)
    except (AddrFormatError, ValueError, TypeError):
        raise refuse("InvalidCidrBlock.Malformed", f"{what} {text!r} is not a CIDR block") from None
    if net.version != 6 or net.prefixlen != prefixlen or net.network != net.ip:
        raise refuse(
            "InvalidCidrBlock.Malformed", f"{what} {text!r} is not an IPv6 /{prefixlen} network"
        )
    return net


def _overlap(a: IPNetwork, b: IPNetwork) -> bool:
    return bool(a.first <= b.last and b.first <= a.last)


# -- VPCs ---------------------------------------------------------------------------


def create_vpc(
    cloud: Cloud,
    region_id: str,
    cidr_block: str = DEFAULT_VPC_CIDR,
    *,
    name: str = "",
    description: str = "",
    ipv6_cidr_block: str | None = None,
    resource_group_id: str = "",
    tags: Tags = (),
    asynchronous: bool = False,
) -> Vpc:
    """A new VPC; ``asynchronous``: ``Pending`` until ``transition_delay`` passes.

    Its CIDR mask is /8 to /28 (``InvalidParameter``); ``ipv6_cidr_block`` is its /56.
    """
    check_vpc(cloud, cidr_block, resource_group_id)
    if ipv6_cidr_block is not None:
        _ipv6_block(ipv6_cidr_block, 56, "ipv6_cidr_block")
    if region_id not in cloud.regions:
        cloud.add_region(region_id)
    vpc = Vpc(
        cloud.ids.resource_id("vpc", region_id),
        region_id,
        ipv4_cidr(cidr_block),
        name=name,
        description=description,
        creation_time=cloud.clock.timestamp(),
        ipv6_cidr_block=ipv6_cidr_block,
        resource_group_id=resource_group_id or cloud.default_resource_group_id,
        vrouter_id=cloud.ids.resource_id("vrt", region_id),
        route_table_id=cloud.ids.resource_id("vtb", region_id),
    )
    vpc.tags = cloud.tags.register(vpc.vpc_id, "VPC", region_id, tags)
    cloud.vpcs[vpc.vpc_id] = vpc
    if asynchronous:
        _pending(cloud, vpc, lambda: cloud.vpcs.get(vpc.vpc_id) is vpc)
    return vpc


def check_vpc(cloud: Cloud, cidr_block: str, resource_group_id: str = "") -> None:
    """CreateVpc's checks: an IPv4 CIDR, mask /8 to /28, a resource group that exists."""
    try:
        net = ipv4_block(cidr_block)
    except EcsError as err:  # CreateVpc documents one code for every bad CIDR
        raise refuse("InvalidParameter", reason(err), "vpc_cidr", Parameter="CidrBlock") from None
    if not 8 <= net.prefixlen <= 28:
        raise refuse(
            "InvalidParameter",
            f"a VPC CIDR mask is /8 to /28, not /{net.prefixlen}",
            variant="vpc_cidr",
            Parameter="CidrBlock",
        )
    _resource_group(cloud, resource_group_id)


def _resource_group(cloud: Cloud, resource_group_id: str) -> None:
    if resource_group_id and resource_group_id not in cloud.resource_groups:
        raise refuse(
            "InvalidResourceGroup.NotFound",
            f"no resource group {resource_group_id!r}",
            ResourceGroupId=resource_group_id,
        )


def find_vpc(cloud: Cloud, vpc_id: str, region_id: str | None = None) -> Vpc:
    """The VPC ``vpc_id`` (of ``region_id`` when given), or ``InvalidVpcId.NotFound``."""
    vpc = cloud.vpcs.get(vpc_id)
    if vpc is None or region_id not in (None, vpc.region_id):
        raise refuse(
            "InvalidVpcId.NotFound", f"no VPC {vpc_id!r}; the fake has {sorted(cloud.vpcs)}"
        )
    return vpc


def delete_vpc(cloud: Cloud, vpc: Vpc) -> None:
    """Delete an ``Available`` VPC that holds no vSwitch, security group or instance."""
    if vpc.status != "Available":
        raise refuse("IncorrectVpcStatus", f"{vpc.vpc_id} is {vpc.status}")
    dependants: tuple[tuple[str, Iterable[str]], ...] = (
        ("Instance", (i.instance_id for i in cloud.instances.values() if i.vpc_id == vpc.vpc_id)),
        ("VSwitch", (v.vswitch_id for v in cloud.vswitches.values() if v.vpc_id == vpc.vpc_id)),
        (
            "SecurityGroup",
            (g.security_group_id for g in cloud.security_groups.values() if g.vpc_id == vpc.vpc_id),
        ),
    )
    for kind, ids in dependants:
        held = sorted(ids)
        if held:
            raise refuse(f"DependencyViolation.{kind}", f"{vpc.vpc_id} still holds {held}")
    del cloud.vpcs[vpc.vpc_id]
    cloud.tags.forget(vpc.vpc_id)


# -- vSwitches ---------------------------------------------------------------------


def create_vswitch(
    cloud: Cloud,
    vpc: Vpc,
    cidr_block: str,
    zone_id: str | None = None,
    *,
    name: str = "",
    description: str = "",
    available_ip_count: int | None = None,
    status: str = "Available",
    ipv6_cidr_block: str | None = None,
    reserved_cidr_blocks: Sequence[str] = (),
    tags: Tags = (),
    asynchronous: bool = False,
) -> VSwitch:
    """A new vSwitch in ``vpc``: its CIDR inside the VPC's (mask /16 to /29), overlapping
    no other vSwitch of the VPC, in a zone of the VPC's region; ``ipv6_cidr_block`` a /64
    (inside the VPC's /56 when it has one) no other vSwitch holds. ``asynchronous``:
    ``Pending`` until ``transition_delay`` passes (and no other vSwitch is created meanwhile).
    """
    net = ipv4_block(cidr_block)
    if not 16 <= net.prefixlen <= 29:
        raise refuse(
            "InvalidCirdrBlock.MaskLength",
            f"a vSwitch CIDR mask is /16 to /29, not /{net.prefixlen}",
        )
    if vpc.status != "Available":
        raise refuse("IncorrectVpcStatus", f"{vpc.vpc_id} is {vpc.status}")
    (first, last), (vpc_first, vpc_last) = ipv4_bounds(cidr_block), ipv4_bounds(vpc.cidr_block)
    if not vpc_first <= first <= last <= vpc_last:  # inside the VPC's CIDR
        raise refuse(
            "InvalidParameter",
            f"{cidr_block} is not inside the VPC's {vpc.cidr_block}",
            variant="cidr_not_in_vpc",
            Parameter="CidrBlock",
        )
    zones = cloud.regions[vpc.region_id].zone_ids
    zone = zone_id or zones[0]
    if zone not in zones:
        raise refuse(
            "InvalidZoneId.NotFound", f"zone {zone!r} is not in {vpc.region_id}: {list(zones)}"
        )
    siblings = [v for v in cloud.vswitches.values() if v.vpc_id == vpc.vpc_id]
    for other in siblings:
        if _overlap(net, ipv4_network(other.cidr_block)):
            raise refuse("InvalidCidrBlock.Overlapped", f"{cidr_block} overlaps {other.vswitch_id}")
    ipv6 = _ipv6_ledger(vpc, siblings, ipv6_cidr_block)
    reservations = [_reservation_block(r, net, ipv6) for r in reserved_cidr_blocks]
    if len(siblings) >= MAX_VSWITCHES_PER_VPC:
        raise refuse("QuotaExceeded.VSwitch", f"{vpc.vpc_id} holds {len(siblings)} vSwitches")
    creating = [v.vswitch_id for v in siblings if v.status == "Pending" and asynchronous]
    if creating:
        raise refuse(
            "IncorrectVSwitchStatus",
            f"{creating[0]} is still being created in {vpc.vpc_id}",
            variant="creating",
        )
    vsw = VSwitch(
        cloud.ids.resource_id("vsw", vpc.region_id),
        vpc.vpc_id,
        vpc.region_id,
        zone,
        AddressLedger(cidr_block, available_ip_count),
        status,
        name=name,
        ipv6_ledger=ipv6,
        description=description,
        creation_time=cloud.clock.timestamp(),
        resource_group_id=vpc.resource_group_id or cloud.default_resource_group_id,
    )
    for block in reservations:
        add_reservation(cloud, vsw, block)
    vsw.tags = cloud.tags.register(vsw.vswitch_id, "VSWITCH", vsw.region_id, tags)
    cloud.vswitches[vsw.vswitch_id] = vsw
    if asynchronous:
        _pending(cloud, vsw, lambda: cloud.vswitches.get(vsw.vswitch_id) is vsw)
    return vsw


def _ipv6_ledger(vpc: Vpc, siblings: Sequence[VSwitch], block: str | None) -> Ipv6Ledger | None:
    if block is None:
        return None
    net = _ipv6_block(block, 64, "ipv6_cidr_block")
    if vpc.ipv6_cidr_block is not None and net not in IPNetwork(vpc.ipv6_cidr_block):
        raise refuse(
            "InvalidParameter",
            f"{block} is not inside the VPC's IPv6 {vpc.ipv6_cidr_block}",
            Parameter="Ipv6CidrBlock",
        )
    for other in siblings:
        if other.ipv6_cidr_block is not None and IPNetwork(other.ipv6_cidr_block) == net:
            raise refuse("InvalidCidrBlock.Overlapped", f"{block} is {other.vswitch_id}'s")
    return Ipv6Ledger(str(net.cidr))


def find_vswitch(cloud: Cloud, vswitch_id: str, region_id: str | None = None) -> VSwitch:
    """The vSwitch ``vswitch_id`` (of ``region_id`` if given), or ``InvalidVSwitchId.NotFound``."""
    vsw = cloud.vswitches.get(vswitch_id)
    if vsw is None or region_id not in (None, vsw.region_id):
        raise refuse("InvalidVSwitchId.NotFound", f"no vSwitch {vswitch_id!r}")
    return vsw


def vswitch_users(cloud: Cloud, vsw: VSwitch) -> list[str]:
    """The ENIs and instances holding addresses of ``vsw``."""
    enis = [e.network_interface_id for e in cloud.enis.values() if e.vswitch_id == vsw.vswitch_id]
    instances = [i.instance_id for i in cloud.instances.values() if i.vswitch_id == vsw.vswitch_id]
    return instances + enis


def delete_vswitch(cloud: Cloud, vsw: VSwitch) -> None:
    """Delete an ``Available`` vSwitch no ENI or instance holds an address of."""
    if vsw.status != "Available":
        raise refuse(
            "IncorrectVSwitchStatus", f"{vsw.vswitch_id} is {vsw.status}", variant="generic"
        )
    users = vswitch_users(cloud, vsw)
    if users:
        raise refuse("DependencyViolation", f"{vsw.vswitch_id} is used by {users}")
    del cloud.vswitches[vsw.vswitch_id]
    cloud.tags.forget(vsw.vswitch_id)


def enable_ipv6(cloud: Cloud, vsw: VSwitch, ipv6_cidr_block: str) -> None:
    """Give ``vsw`` an IPv6 /64 (inside its VPC's /56 when it has one, held by no sibling)."""
    if vsw.ipv6_ledger is not None:
        raise refuse(
            "InvalidParameter",
            f"{vsw.vswitch_id} already has IPv6 {vsw.ipv6_cidr_block}",
            Parameter="Ipv6CidrBlock",
        )
    vpc = cloud.vpcs[vsw.vpc_id]
    siblings = [v for v in cloud.vswitches.values() if v.vpc_id == vsw.vpc_id]
    vsw.ipv6_ledger = _ipv6_ledger(vpc, siblings, ipv6_cidr_block)


# -- CIDR reservations ---------------------------------------------------------------


def _reservation_block(text: str, net: IPNetwork, ipv6: Ipv6Ledger | None) -> str:
    try:
        block = IPNetwork(text)
    except (AddrFormatError, ValueError, TypeError):
        raise refuse(
            "InvalidCidrBlock.Malformed", f"reserved CIDR block {text!r} is not a CIDR block"
        ) from None
    inside = (
        block in net
        if block.version == 4
        else ipv6 is not None and block in IPNetwork(ipv6.cidr_block)
    )
    if not inside or block.network != block.ip:
        raise refuse(
            "InvalidParameter",
            f"reserved CIDR block {text!r} is not a network inside the vSwitch",
            Parameter="VSwitchCidrReservationCidr",
        )
    return str(block.cidr)


def add_reservation(
    cloud: Cloud,
    vsw: VSwitch,
    block: str,
    *,
    name: str = "",
    description: str = "",
    tags: Tags = (),
) -> CidrReservation:
    """Reserve ``block`` (already checked to lie in ``vsw``) for prefixes."""
    for other in vsw.reservations:
        if _overlap(IPNetwork(block), IPNetwork(other.cidr_block)):
            raise refuse("InvalidCidrBlock.Overlapped", f"{block} overlaps {other.reservation_id}")
    held = CidrReservation(
        cloud.ids.resource_id("vcr", vsw.region_id),
        vsw.vswitch_id,
        block,
        ip_version="IPv6" if IPNetwork(block).version == 6 else "IPv4",
        name=name,
        description=description,
        creation_time=cloud.clock.timestamp(),
    )
    held.tags = dict(tags)
    vsw.reservations.append(held)
    if held.ip_version == "IPv4":
        net = IPNetwork(block)
        vsw.ledger.keep(int(net.first), int(net.last))
    return held


def reserve(
    cloud: Cloud,
    vsw: VSwitch,
    block: str | None,
    *,
    mask: int | None = None,
    ip_version: str = "IPv4",
    name: str = "",
    description: str = "",
    tags: Tags = (),
) -> CidrReservation:
    """CreateVSwitchCidrReservation's rule: ``block`` inside ``vsw``, overlapping no
    reservation; without ``block``, the lowest free aligned block of ``mask`` bits."""
    if block is None:
        block = _free_block(vsw, mask, ip_version)
    net = ipv4_network(vsw.cidr_block)
    checked = _reservation_block(block, net, vsw.ipv6_ledger)
    space = IPNetwork(vsw.cidr_block if IPNetwork(checked).version == 4 else vsw.ipv6_cidr_block)
    if _holds_system_addresses(space, IPNetwork(checked)):
        tail = _SYSTEM_TAIL[int(space.version)]
        raise refuse(
            "InvalidParameter",
            f"reserved CIDR block {checked} holds the first or last {tail} addresses of"
            f" {space.cidr}, which the vSwitch keeps for itself",
            Parameter="VSwitchCidrReservationCidr",
        )
    return add_reservation(
        cloud, vsw, checked, name=name, description=description, tags=tags,
    )  # fmt: skip


_SYSTEM_TAIL = {4: 3, 6: 9}
"""The vSwitch keeps its first address and its last 3 (IPv4) or 9 (IPv6) addresses; a CIDR
reservation may not hold them (CreateVSwitchCidrReservation's reference page)."""


def _holds_system_addresses(space: IPNetwork, block: IPNetwork) -> bool:
    tail = _SYSTEM_TAIL[int(space.version)]
    return bool(block.first == space.first or block.last > space.last - tail)


def _free_block(vsw: VSwitch, mask: int | None, ip_version: str) -> str:
    space = vsw.cidr_block if ip_version == "IPv4" else vsw.ipv6_cidr_block
    if space is None or mask is None:
        raise refuse("InvalidParameter", "give a CIDR block, or a mask (IPv6: of the /64)",
                     Parameter="VSwitchCidrReservationMask")  # fmt: skip
    net = IPNetwork(space)
    if not net.prefixlen < mask <= (28 if net.version == 4 else 80):
        raise refuse("InvalidParameter", f"mask /{mask} does not fit {space}",
                     Parameter="VSwitchCidrReservationMask")  # fmt: skip
    held = [IPNetwork(r.cidr_block) for r in vsw.reservations]
    # Never a block holding the addresses the vSwitch keeps (its gateway, its last ones).
    for candidate in net.subnet(mask):
        if not _holds_system_addresses(net, candidate) and not any(
            _overlap(candidate, other) for other in held
        ):
            return str(candidate)
    raise refuse("InvalidCidrBlock.Overlapped", f"no free /{mask} in {vsw.vswitch_id}")


def find_reservation(cloud: Cloud, reservation_id: str) -> tuple[VSwitch, CidrReservation]:
    """The vSwitch and reservation ``reservation_id`` names, or ``InvalidParameter``."""
    for vsw in cloud.vswitches.values():
        for held in vsw.reservations:
            if held.reservation_id == reservation_id:
                return vsw, held
    raise refuse(
        "InvalidParameter",
        f"no CIDR reservation {reservation_id!r}",
        Parameter="VSwitchCidrReservationId",
    )


def prefixes_in(cloud: Cloud, held: CidrReservation) -> list[str]:
    """The IPv4 /28 and IPv6 /80 prefixes ENIs hold inside the reservation."""
    block = IPNetwork(held.cidr_block)
    return [
        p
        for e in cloud.enis.values()
        if e.vswitch_id == held.vswitch_id
        for p in (*e.ipv4_prefixes, *e.ipv6_prefixes)
        if IPNetwork(p).version == block.version and IPNetwork(p) in block
    ]


def unreserve(cloud: Cloud, vsw: VSwitch, held: CidrReservation) -> None:
    """DeleteVSwitchCidrReservation's rule: no ENI holds a prefix from it."""
    used = prefixes_in(cloud, held)
    if used:
        raise refuse("DependencyViolation", f"{held.reservation_id} holds prefixes {used}")
    vsw.reservations.remove(held)
    if held.ip_version == "IPv4":
        net = IPNetwork(held.cidr_block)
        vsw.ledger.unkeep(int(net.first), int(net.last))


# -- security groups -------------------------------------------------------------------


def create_security_group(
    cloud: Cloud,
    vpc: Vpc | None,
    region_id: str,
    *,
    name: str = "",
    description: str = "",
    type: str = "normal",
    network: str = "vpc",
    managed_by: str | None = None,
    max_instances: int | None = None,
    rule_count: int = 0,
    resource_group_id: str = "",
    tags: Tags = (),
) -> SecurityGroup:
    """A new security group in ``vpc`` (None: a classic-network group of ``region_id``)."""
    if type not in ("normal", "enterprise"):
        raise refuse("InvalidParameter", "type is normal|enterprise", Parameter="SecurityGroupType")
    if network not in ("vpc", "classic"):
        raise refuse("InvalidParameter", "network is vpc|classic", Parameter="NetworkType")
    if vpc is not None and vpc.status != "Available":
        raise refuse("IncorrectVpcStatus", f"{vpc.vpc_id} is {vpc.status}")
    _resource_group(cloud, resource_group_id)
    sg = SecurityGroup(
        cloud.ids.resource_id("sg", region_id),
        vpc.vpc_id if vpc is not None else "",
        region_id,
        name=name,
        type=type,
        network=network if vpc is not None else "classic",
        managed_by=managed_by,
        max_instances=max_instances,
        rule_count=rule_count,
        description=description,
        creation_time=cloud.clock.timestamp(),
        resource_group_id=resource_group_id or cloud.default_resource_group_id,
    )
    sg.tags = cloud.tags.register(sg.security_group_id, "securitygroup", region_id, tags)
    cloud.security_groups[sg.security_group_id] = sg
    return sg


def find_security_group(cloud: Cloud, sg_id: str, region_id: str | None = None) -> SecurityGroup:
    """The group ``sg_id`` (of ``region_id`` when given), or ``InvalidSecurityGroupId.NotFound``."""
    sg = cloud.security_groups.get(sg_id)
    if sg is None or region_id not in (None, sg.region_id):
        raise refuse("InvalidSecurityGroupId.NotFound", f"no security group {sg_id!r}")
    return sg


def group_members(cloud: Cloud, sg: SecurityGroup) -> tuple[list[str], list[str]]:
    """The instances and the ENIs (instances' own primary ENIs aside) in ``sg``."""
    gid = sg.security_group_id
    instances = [i.instance_id for i in cloud.instances.values() if gid in i.security_group_ids]
    enis = [
        e.network_interface_id
        for e in cloud.enis.values()
        if gid in e.security_group_ids and e.type != "Primary"
    ]
    return instances, enis


def delete_security_group(cloud: Cloud, sg: SecurityGroup) -> None:
    """Delete a group no ENI or instance is a member of, and no cloud service protects."""
    if sg.managed_by is not None:
        raise refuse(
            "InvalidOperation.DeletionProtection",
            f"{sg.security_group_id} is protected by {sg.managed_by}",
        )
    gid = sg.security_group_id
    members = [i.instance_id for i in cloud.instances.values() if gid in i.security_group_ids]
    members += [e.network_interface_id for e in cloud.enis.values() if gid in e.security_group_ids]
    if members:
        raise EcsError(
            "DependencyViolation",
            status=DEPENDENCY_VIOLATION_ECS,
            variant="instances",
            Reason=f"{sg.security_group_id} still has members {members}",
        )
    del cloud.security_groups[sg.security_group_id]
    cloud.tags.forget(sg.security_group_id)


# -- asynchronous creation --------------------------------------------------------------


def _pending(cloud: Cloud, resource: Vpc | VSwitch, exists: Callable[[], bool]) -> None:
    """``Pending`` until ``transition_delay`` passes on the clock, then ``Available``."""
    if cloud.transition_delay <= 0:
        return
    resource.status = "Pending"

    def complete() -> None:
        if exists() and resource.status == "Pending":
            resource.status = "Available"

    cloud.transitions.schedule(cloud.transition_delay, complete)
