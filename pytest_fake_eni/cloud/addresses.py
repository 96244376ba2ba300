"""Addresses on ENIs: IPv4 and IPv6 addresses and prefixes, named or counted, taken from
and given back to their vSwitch's ledgers.

All or nothing: every check runs before any ledger changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from netaddr import AddrFormatError, IPNetwork

from pytest_fake_eni.cloud.ipam import AddressLedger, ipv4_network
from pytest_fake_eni.cloud.ipv6 import PREFIX_LEN, Ipv6Ledger, parse_ipv6
from pytest_fake_eni.cloud.resources import Eni, EniRequest, VSwitch
from pytest_fake_eni.errors import EcsError

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.state import Cloud

IPV4_PREFIX_LEN = 28
"""ENI IPv4 prefixes are /28s."""
IPV4_BLOCK = 1 << (32 - IPV4_PREFIX_LEN)
"""Addresses in one IPv4 prefix."""


class Cooling:
    """Freed private IPv4 addresses the service does not hand out again at once.

    With ``delay`` > 0, an address an ENI gives back stays taken in its ledger (out of
    automatic allocation; ``InvalidPrivateIpAddress.Duplicated`` to a request naming it)
    until ``delay`` seconds of fake-clock time have passed, then returns to the ledger.
    """

    def __init__(self) -> None:
        self.delay = 0.0
        """Seconds a freed address stays out of use (``FakeEcs.address_reuse_delay``)."""
        self.held: dict[str, set[int]] = {}
        """vSwitch id -> the addresses cooling there."""

    def count(self, vswitch_id: str) -> int:
        """How many addresses of ``vswitch_id`` are cooling."""
        return len(self.held.get(vswitch_id, ()))


def free_ipv4(cloud: Cloud, vsw: VSwitch, addresses: Iterable[int]) -> None:
    """Give freed private addresses back to ``vsw``: at once, or after the reuse delay."""
    ledger, cooling = vsw.ledger, cloud.cooling
    freed = [a for a in addresses if ledger.is_taken(a)]
    if cooling.delay <= 0 or not freed:
        ledger.release(freed)
        return
    held = cooling.held.setdefault(vsw.vswitch_id, set())
    held.update(freed)

    def thaw() -> None:
        back = [a for a in freed if a in held]
        held.difference_update(back)
        ledger.release(back)

    cloud.transitions.schedule(cooling.delay, thaw)


def release_all(cloud: Cloud, eni: Eni) -> None:
    """Give every address and prefix ``eni`` holds back to its vSwitch."""
    vsw = cloud.vswitches[eni.vswitch_id]
    ledger = vsw.ledger
    free_ipv4(cloud, vsw, (a for a in map(ledger.parse, eni.private_ip_addresses) if a is not None))
    ledger.release_blocks((_ipv4_start(p) for p in eni.ipv4_prefixes), IPV4_BLOCK)
    if vsw.ipv6_ledger is not None:
        six = vsw.ipv6_ledger
        six.release(a for a in map(parse_ipv6, eni.ipv6_addresses) if a is not None)
        six.release_prefixes(int(IPNetwork(p).first) for p in eni.ipv6_prefixes)


def require_held(wanted: Sequence[str], held: Sequence[str]) -> None:
    """Each of ``wanted`` is in ``held``, else ``InvalidIp.IpUnassigned`` naming it."""
    for text in wanted:
        if text not in held:
            raise EcsError("InvalidIp.IpUnassigned", IpAddress=text)


def _ipv4_start(prefix: str) -> int:
    return int(IPNetwork(prefix).first)


def _prefix(text: str, version: int, length: int) -> IPNetwork:
    try:
        net = IPNetwork(text, version=version)
    except (AddrFormatError, ValueError, TypeError):
        raise EcsError("InvalidIp.IpPrefixIllegal", Prefixes=text) from None
    if net.prefixlen != length or net.network != net.ip:
        raise EcsError("InvalidIp.IpPrefixIllegal", Prefixes=text)
    return net


def assign_ipv4_prefixes(
    cloud: Cloud, eni: Eni, vsw: VSwitch, named: Sequence[str], count: int, limit: int
) -> list[str]:
    """Add /28 prefixes: the named ones (checked free) or ``count`` chosen ones."""
    ledger = vsw.ledger
    if ipv4_network(vsw.cidr_block).prefixlen > IPV4_PREFIX_LEN:
        raise EcsError("InvalidIp.IpPrefixMaskIllegal", VSwitchId=vsw.vswitch_id)
    starts: list[int] = []
    for text in named:
        start = int(_prefix(text, 4, IPV4_PREFIX_LEN).first)
        if start in starts or not ledger.block_is_free(start, IPV4_BLOCK):
            raise EcsError("InvalidIp.IpPrefixNotAvailable", Prefix=text)
        starts.append(start)
    wanted = len(starts) + count
    if len(eni.private_ip_addresses) + len(eni.ipv4_prefixes) + wanted > limit:
        raise EcsError("InvalidOperation.Ipv4CountExceeded", Limit=limit)
    require_room(vsw, 0, blocks=wanted)
    if count:
        ranges = [
            (int(n.first), int(n.last))
            for n in map(IPNetwork, vsw.reserved_cidr_blocks)
            if n.version == 4
        ] or [(ledger.first, ledger.last)]
        chosen = [s for s in ledger.free_blocks(IPV4_BLOCK, ranges, count + len(starts))]
        chosen = [s for s in chosen if s not in starts][:count]
        if len(chosen) < count:
            raise EcsError("InvalidVSwitchId.IpPrefixNotEnough", VSwitchId=vsw.vswitch_id)
        starts += chosen
    ledger.take_blocks(starts, IPV4_BLOCK)
    added = [f"{AddressLedger.text(s)}/{IPV4_PREFIX_LEN}" for s in starts]
    eni.ipv4_prefixes.extend(added)
    return added


def unassign_ipv4_prefixes(cloud: Cloud, eni: Eni, prefixes: Sequence[str]) -> None:
    """Give /28 prefixes of ``eni`` back; each must be held (``InvalidIp.IpUnassigned``)."""
    require_held(prefixes, eni.ipv4_prefixes)
    ledger = cloud.vswitches[eni.vswitch_id].ledger
    ledger.release_blocks((_ipv4_start(p) for p in prefixes), IPV4_BLOCK)
    eni.ipv4_prefixes[:] = [p for p in eni.ipv4_prefixes if p not in prefixes]


def assign_ipv6(
    cloud: Cloud,
    eni: Eni,
    addresses: Sequence[str],
    count: int,
    prefixes: Sequence[str],
    prefix_count: int,
    limit: int | None = None,
) -> tuple[list[str], list[str]]:
    """Add IPv6 addresses and /80 prefixes from the vSwitch's IPv6 CIDR (at most ``limit``
    held in all, the account quota when None)."""
    vsw = cloud.vswitches[eni.vswitch_id]
    ledger = vsw.ipv6_ledger
    if ledger is None:
        raise EcsError("InvalidOperation.VSwitchIpv6Disabled", VSwitchId=vsw.vswitch_id)
    explicit: list[int] = []
    for text in addresses:
        address = parse_ipv6(text)
        if address is None or not ledger.is_allocatable(address):
            raise EcsError("InvalidOperation.AddressNotInVSwitchCidr", IpAddress=text)
        if address in explicit:
            raise EcsError("InvalidIp.IpRepeated", IpAddress=text)
        if ledger.is_taken(address):
            raise EcsError("InvalidOperation.AddressAlreadyAllocated", IpAddress=text)
        explicit.append(address)
    starts: list[int] = []
    for text in prefixes:
        start = int(_prefix(text, 6, PREFIX_LEN).first)
        if start in starts or not ledger.prefix_is_free(start):
            raise EcsError("InvalidIp.IpPrefixNotAvailable", Prefix=text)
        starts.append(start)
    limit = cloud.quotas.max_ipv6_addresses_per_eni if limit is None else limit
    held = len(eni.ipv6_addresses) + len(eni.ipv6_prefixes)
    if held + len(explicit) + count + len(starts) + prefix_count > limit:
        raise EcsError("InvalidOperation.Ipv6CountExceeded", Limit=limit)
    named = ledger.take(explicit, 0)  # first, so the prefixes chosen next keep clear of them
    taken_prefixes = ledger.take_prefixes(starts, prefix_count)
    if taken_prefixes is None:
        ledger.release(named)
        raise EcsError("InvalidVSwitchId.IpPrefixNotEnough", VSwitchId=vsw.vswitch_id)
    try:
        taken = named + ledger.take((), count)
    except LookupError:
        ledger.release(named)
        ledger.release_prefixes(taken_prefixes)
        raise EcsError("InvalidVSwitchId.IpNotEnough", VSwitchId=vsw.vswitch_id) from None
    added = [Ipv6Ledger.text(a) for a in taken]
    added_prefixes = [Ipv6Ledger.prefix_text(s) for s in taken_prefixes]
    eni.ipv6_addresses.extend(added)
    eni.ipv6_prefixes.extend(added_prefixes)
    return added, added_prefixes


def unassign_ipv6(
    cloud: Cloud, eni: Eni, addresses: Sequence[str], prefixes: Sequence[str]
) -> None:
    """Give IPv6 addresses and /80 prefixes of ``eni`` back; each must be held."""
    require_held(addresses, eni.ipv6_addresses)
    require_held(prefixes, eni.ipv6_prefixes)
    ledger = cloud.vswitches[eni.vswitch_id].ipv6_ledger
    if ledger is not None:
        ledger.release(a for a in map(parse_ipv6, addresses) if a is not None)
        ledger.release_prefixes(int(IPNetwork(p).first) for p in prefixes)
    eni.ipv6_addresses[:] = [a for a in eni.ipv6_addresses if a not in addresses]
    eni.ipv6_prefixes[:] = [p for p in eni.ipv6_prefixes if p not in prefixes]


def require_room(
    vsw: VSwitch, addresses: int, blocks: int = 0, named: bool = False, chosen: int = 0
) -> None:
    """The one IPv4 capacity check: ``addresses`` more addresses (``chosen`` of them picked
    by the ledger, outside the CIDR reservations) and ``blocks`` more /28s fit.

    Every allocation path asks it before taking anything. The code says what ran out:
    prefixes (``InvalidVSwitchId.IpPrefixNotEnough``), addresses the request names
    (``QuotaExceeded.PrivateIpAddress``), or counted ones (``InvalidVSwitchId.IpNotEnough``).
    """
    if addresses + IPV4_BLOCK * blocks <= vsw.ledger.available:
        if chosen <= vsw.ledger.choosable:
            return
        raise EcsError("InvalidVSwitchId.IpNotEnough", VSwitchId=vsw.vswitch_id)
    if blocks:
        raise EcsError("InvalidVSwitchId.IpPrefixNotEnough", VSwitchId=vsw.vswitch_id)
    if named:  # the named addresses are free, but the vSwitch has no room left
        raise EcsError("QuotaExceeded.PrivateIpAddress", VSwitchId=vsw.vswitch_id)
    raise EcsError("InvalidVSwitchId.IpNotEnough", VSwitchId=vsw.vswitch_id)


def named_ipv4(vsw: VSwitch, named: Sequence[str]) -> list[int]:
    """The IPv4 addresses ``named``, checked allocatable, not repeated and free."""
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


def explicit_ipv4(vsw: VSwitch, req: EniRequest, chosen: int | None = None) -> list[int]:
    """The IPv4 addresses the request names, primary first, checked free and with room.

    ``chosen``: how many more the ledger picks (default: a create's, the primary unless
    named plus ``SecondaryPrivateIpAddressCount``).
    """
    primary = req.primary_ip_address
    named = req.private_ip_addresses
    if primary:
        named = [primary, *named]
    parsed = named_ipv4(vsw, named) if named else []
    if chosen is None:
        chosen = (0 if primary else 1) + req.secondary_count
    require_room(vsw, len(parsed) + chosen, named=bool(parsed), chosen=chosen)
    return parsed
