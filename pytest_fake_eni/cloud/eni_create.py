"""CreateNetworkInterface inside the simulator: checks in order, then all-or-nothing allocation.

The order (after the request's own syntax, checked in the api layer) is: region and its
features, existence (404), account permission, vSwitch state, security groups, quotas,
then addresses and prefixes. The first broken rule wins, every time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from netaddr import IPNetwork

from pytest_fake_eni.cloud.account import Account
from pytest_fake_eni.cloud.addresses import (
    IPV4_BLOCK,
    IPV4_PREFIX_LEN,
    explicit_ipv4,
    require_room,
)
from pytest_fake_eni.cloud.ipam import AddressLedger, ipv4_network
from pytest_fake_eni.cloud.ipv6 import PREFIX_LEN, Ipv6Ledger, parse_ipv6
from pytest_fake_eni.cloud.resources import Eni, EniRequest, Region, SecurityGroup, VSwitch
from pytest_fake_eni.errors import EcsError

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.state import Cloud
_USABLE_VSWITCH_STATES = ("Available", "Created")


def create_eni(cloud: Cloud, req: EniRequest) -> Eni:
    """Check ``req`` against the fake's state, then create the ENI it asks for."""
    region = region_features(cloud, req)
    vsw, groups = _existence(cloud, req)
    _account(cloud.account)
    _vswitch_state(vsw, req)
    _security_groups(cloud, vsw, groups)
    _quotas(cloud, req)
    explicit4 = explicit_ipv4(vsw, req)
    if not req.extras:  # IPv4 addresses only, as most ask
        return _allocate(cloud, vsw, req, explicit4, [], [], [])
    prefixes4 = _explicit_ipv4_prefixes(region, vsw, req, explicit4)
    explicit6 = _explicit_ipv6(vsw, req)
    prefixes6 = _explicit_ipv6_prefixes(region, vsw, req, explicit6)
    return _allocate(cloud, vsw, req, explicit4, prefixes4, explicit6, prefixes6)


# (the region's feature, the request's property that asks for it, the code when it is
# refused), in the order they are checked; the request is asked only where a region lacks one.
_REGION_FEATURES = (
    ("ipv6_on_create", "wants_ipv6", "InvalidOperation.NotSupport"),
    ("ip_prefix", "wants_prefixes", "InvalidOperation.RegionNotSupportIpPrefix"),
    (
        "connection_tracking",
        "sets_connection_tracking",
        "InvalidConnectionTrackingConfiguration.RegionOrUserNotSupported",
    ),
    ("queue_size", "sets_queue_size", "InvalidEniQueueSize.RegionOrUserNotSupported"),
    (
        "high_performance_traffic",
        "wants_high_performance",
        "InvalidOperation.HighPerformanceTrafficModeIsNotAllowed",
    ),
    ("trunking", "wants_trunk", "InvalidOperation.TrunkingIsNotAllowed"),
)
_ACCOUNT_FLAGS = (
    ("access_key_expired", "Abs.InvalidAccount.NotFound"),
    ("not_real_name_verified", "InvalidUserType.NotSupported"),
    ("ram_not_supported", "Forbidden.NotSupportRAM"),
    ("created_by_another_user", "Forbidden.SubUser"),
)


def region_features(cloud: Cloud, req: EniRequest) -> Region:
    """The request's region; the feature code when it refuses what ``req`` asks for."""
    region = cloud.regions.get(req.region_id)
    if region is None:
        raise EcsError("Forbidden.RegionId", RegionId=req.region_id)
    if not (req.extras or req.sets_queue_size or req.sets_connection_tracking):
        return region  # asks for no feature a region may lack
    for feature, asks, code in _REGION_FEATURES:
        if not getattr(region, feature) and getattr(req, asks):
            raise EcsError(code, RegionId=req.region_id)
    return region


def _existence(cloud: Cloud, req: EniRequest) -> tuple[VSwitch, list[SecurityGroup]]:
    vsw = cloud.vswitches.get(req.vswitch_id)
    if vsw is None or vsw.region_id != req.region_id:
        raise EcsError("InvalidVSwitchId.NotFound", VSwitchId=req.vswitch_id)
    groups: list[SecurityGroup] = []
    for sg_id in req.security_group_ids:
        sg = cloud.security_groups.get(sg_id)
        if sg is None or sg.region_id != req.region_id:
            raise EcsError("InvalidSecurityGroupId.NotFound", SecurityGroupId=sg_id)
        groups.append(sg)
    if req.resource_group_id and req.resource_group_id not in cloud.resource_groups:
        raise EcsError("InvalidResourceGroup.NotFound", ResourceGroupId=req.resource_group_id)
    return vsw, groups


def _account(account: Account) -> None:
    if not any(vars(account).values()):  # a healthy account: every flag off
        return
    for flag, code in _ACCOUNT_FLAGS:
        if getattr(account, flag):
            raise EcsError(code)


def _vswitch_state(vsw: VSwitch, req: EniRequest) -> None:
    if vsw.status not in _USABLE_VSWITCH_STATES:
        raise EcsError("IncorrectVSwitchStatus", Status=vsw.status, VSwitchId=vsw.vswitch_id)
    if vsw.ipv6_ledger is None and req.extras and req.wants_ipv6:
        only_primary = req.enable_primary_ipv6 and not (
            req.ipv6_addresses or req.ipv6_count or req.wants_ipv6_prefixes
        )
        code = (
            "InvalidOperation.EnableIpv6Failed"
            if only_primary
            else ("InvalidOperation.VSwitchIpv6Disabled")
        )
        raise EcsError(code, VSwitchId=vsw.vswitch_id)


# (what breaks the rule for a group on the vSwitch, its code): each rule over every group
# before the next rule.
_GROUP_RULES: tuple[tuple[Callable[[SecurityGroup, VSwitch], bool], str], ...] = (
    (lambda sg, vsw: sg.network != "vpc", "InvalidSecurityGroupId.NotVpc"),
    (lambda sg, vsw: sg.vpc_id != vsw.vpc_id, "InvalidOperation.VpcMismatch"),
    (
        lambda sg, vsw: sg.managed_by is not None,
        "InvalidOperation.ResourceManagedByCloudProduct",
    ),
)


def _security_groups(cloud: Cloud, vsw: VSwitch, groups: list[SecurityGroup]) -> None:
    quotas = cloud.quotas
    rules = 0
    for sg in groups:  # one pass over groups that break no rule, as nearly all do
        if sg.network != "vpc" or sg.vpc_id != vsw.vpc_id or sg.managed_by is not None:
            _broken_group(vsw, groups)
        rules += sg.rule_count
    if len(groups) > 1 and len({sg.type for sg in groups}) > 1:
        raise EcsError("EnterpriseGroupLimited.MutliGroupType")
    if len(groups) > quotas.max_security_groups_per_eni:
        raise EcsError("JoinedGroupLimitExceed", Limit=quotas.max_security_groups_per_eni)
    if rules > quotas.max_acl_rules_per_eni:
        raise EcsError("AclLimitExceed", Limit=quotas.max_acl_rules_per_eni)
    for sg in groups:
        if len(cloud.enis) < sg.capacity:  # too few ENIs to fill it: skip the O(n) count
            continue
        members = sum(
            1 for e in cloud.enis.values() if sg.security_group_id in e.security_group_ids
        )
        if members >= sg.capacity:
            code = (
                "InvalidOperation.EniCountExceeded"
                if sg.type == "enterprise"
                else "SecurityGroupInstanceLimitExceed"
            )
            raise EcsError(code, SecurityGroupId=sg.security_group_id, Limit=sg.capacity)


def _broken_group(vsw: VSwitch, groups: list[SecurityGroup]) -> None:
    """Raise the first broken group rule: each rule over every group before the next."""
    for broken, code in _GROUP_RULES:
        for sg in groups:
            if broken(sg, vsw):
                raise EcsError(code, SecurityGroupId=sg.security_group_id, VSwitchId=vsw.vswitch_id)


def _quotas(cloud: Cloud, req: EniRequest) -> None:
    quotas = cloud.quotas
    in_region = (  # all ENIs together under the quota: skip the O(n) count
        len(cloud.enis)
        if len(cloud.enis) < quotas.max_enis_per_region
        else sum(
            1 for e in cloud.enis.values() if e.region_id == req.region_id and e.type != "Primary"
        )
    )
    ipv4 = 1 + len(req.private_ip_addresses) + req.secondary_count
    if (
        in_region < quotas.max_enis_per_region
        and ipv4 <= quotas.max_private_ips_per_eni
        and not (req.extras or req.queue_number)
    ):
        return  # IPv4 addresses only, within the quotas: the rules below all hold
    prefixes4 = len(req.ipv4_prefixes) + req.ipv4_prefix_count
    ipv6 = _ipv6_wanted(req)
    prefixes6 = len(req.ipv6_prefixes) + req.ipv6_prefix_count
    limits: list[tuple[bool, str, int, str | None]] = [
        (in_region >= quotas.max_enis_per_region, "MaxEniCountExceeded",
         quotas.max_enis_per_region, None),
        (ipv4 > quotas.max_private_ips_per_eni, "MaxEniPrivateIpsCountExceeded",
         quotas.max_private_ips_per_eni, None),
        (1 + prefixes4 > quotas.max_private_ips_per_eni, "InvalidOperation.Ipv4CountExceeded",
         quotas.max_private_ips_per_eni, None),
        (ipv6 > quotas.max_ipv6_addresses_per_eni, "InvalidOperation.MaxEniIpv6IpsCountExceeded",
         quotas.max_ipv6_addresses_per_eni, "limit"),
        (ipv6 + prefixes6 > quotas.max_ipv6_addresses_per_eni,
         "InvalidOperation.Ipv6CountExceeded", quotas.max_ipv6_addresses_per_eni, None),
        ((req.queue_number or 0) > quotas.max_queues_per_eni,
         "InvalidOperation.MaxEniQueueNumberExceeded", quotas.max_queues_per_eni, None),
    ]  # fmt: skip
    for broken, code, limit, variant in limits:
        if broken:
            raise EcsError(code, variant=variant, Limit=limit)


def _ipv6_wanted(req: EniRequest) -> int:
    named = len(req.ipv6_addresses) + req.ipv6_count
    return max(named, 1) if req.enable_primary_ipv6 else named


def _reservations(vsw: VSwitch, version: int) -> list[IPNetwork]:
    return [n for n in map(IPNetwork, vsw.reserved_cidr_blocks) if n.version == version]


def _check_reservations(region: Region, reservations: list[IPNetwork], vsw: VSwitch) -> None:
    if region.prefix_reservation_required and not reservations:
        raise EcsError("InvalidOperation.VSwitchCidrReservationNotExist", VSwitchId=vsw.vswitch_id)


def _in_reservation(prefix: IPNetwork, reservations: list[IPNetwork]) -> None:
    if reservations and not any(prefix in r for r in reservations):
        raise EcsError("InvalidIp.IpPrefixMustInReserveSegment", Prefix=str(prefix))


def _explicit_ipv4_prefixes(
    region: Region, vsw: VSwitch, req: EniRequest, explicit4: list[int]
) -> list[int]:
    if not req.wants_ipv4_prefixes:
        return []
    if ipv4_network(vsw.cidr_block).prefixlen > IPV4_PREFIX_LEN:
        raise EcsError("InvalidIp.IpPrefixMaskIllegal", VSwitchId=vsw.vswitch_id)
    starts = _named_prefixes(
        region,
        vsw,
        (req.ipv4_prefixes, 4, IPV4_BLOCK),
        lambda start: vsw.ledger.block_is_free(start, IPV4_BLOCK),
        explicit4,
    )
    addresses = len(explicit4) + (0 if req.primary_ip_address else 1) + req.secondary_count
    require_room(vsw, addresses, blocks=len(req.ipv4_prefixes) + req.ipv4_prefix_count)
    return starts


def _explicit_ipv6(vsw: VSwitch, req: EniRequest) -> list[int]:
    ledger = vsw.ipv6_ledger
    parsed: list[int] = []
    for text in req.ipv6_addresses:
        address = parse_ipv6(text)
        assert ledger is not None and address is not None  # checked before
        if not ledger.is_allocatable(address):
            raise EcsError("InvalidOperation.AddressNotInVSwitchCidr", IpAddress=text)
        if ledger.is_taken(address):
            raise EcsError("InvalidOperation.AddressAlreadyAllocated", IpAddress=text)
        parsed.append(address)
    return parsed


def _explicit_ipv6_prefixes(
    region: Region, vsw: VSwitch, req: EniRequest, explicit6: list[int]
) -> list[int]:
    if not req.wants_ipv6_prefixes:
        return []
    ledger = vsw.ipv6_ledger
    assert ledger is not None  # checked before
    return _named_prefixes(
        region,
        vsw,
        (req.ipv6_prefixes, 6, 1 << (128 - PREFIX_LEN)),
        ledger.prefix_is_free,
        explicit6,
    )


def _named_prefixes(
    region: Region,
    vsw: VSwitch,
    named: tuple[Sequence[str], int, int],
    is_free: Callable[[int], bool],
    addresses: list[int],
) -> list[int]:
    """First addresses of the named prefixes: in a reservation if any, free, clear of addresses."""
    texts, version, size = named
    reservations = _reservations(vsw, version)
    _check_reservations(region, reservations, vsw)
    starts: list[int] = []
    for text in texts:
        prefix = IPNetwork(text, version=version)
        _in_reservation(prefix, reservations)
        start = int(prefix.first)
        if (
            start in starts
            or not is_free(start)
            or any(start <= a < start + size for a in addresses)
        ):
            raise EcsError("InvalidIp.IpPrefixNotAvailable", Prefix=text)
        starts.append(start)
    return starts


def _allocate(
    cloud: Cloud,
    vsw: VSwitch,
    req: EniRequest,
    explicit4: list[int],
    prefixes4: list[int],
    explicit6: list[int],
    prefixes6: list[int],
) -> Eni:
    """Take everything or nothing, then enter the ENI."""
    count = (0 if req.primary_ip_address else 1) + req.secondary_count
    counted4: list[int] = []
    all6: list[int] = []
    all_prefixes6: list[int] = []
    if req.extras:
        taken, counted4, all6, all_prefixes6 = _take_all(
            vsw, req, count, explicit4, prefixes4, explicit6, prefixes6
        )
    else:  # IPv4 addresses only: one step, nothing to undo
        taken = vsw.ledger.take(explicit4, count)
    text = AddressLedger.text
    addresses = [text(a) for a in taken]
    if explicit4 and not req.primary_ip_address:
        # Chosen addresses come after the explicit secondaries: move one to the front.
        addresses.insert(0, addresses.pop(len(explicit4)))
    ids = cloud.ids
    eni_id = ids.resource_id("eni", req.region_id)
    # The required fields by position: a keyword argument to a dataclass costs as much as
    # a field (type.__call__ builds a dict of them), and this runs once per ENI.
    eni = Eni(
        eni_id,  # network_interface_id
        req.region_id,
        vsw.vswitch_id,
        vsw.vpc_id,
        vsw.zone_id,
        addresses[0],  # primary_ip_address
        addresses,  # private_ip_addresses
        list(req.security_group_ids),
        ids.mac_address(),
        cloud.clock.timestamp(),  # creation_time
        cloud.account_id,  # owner_id
        tags=cloud.tags.register(eni_id, "eni", req.region_id, req.tags),
        name=req.name,
        description=req.description,
        type=req.type,
        client_token=req.client_token,
        resource_group_id=req.resource_group_id or cloud.default_resource_group_id,
        delete_on_release=req.delete_on_release,
        attributes=dict(req.attributes),
        # Most ENIs hold none of these: an empty comprehension costs as much as a short one.
        ipv6_addresses=[Ipv6Ledger.text(a) for a in all6] if all6 else [],
        ipv4_prefixes=(
            [f"{text(s)}/{IPV4_PREFIX_LEN}" for s in prefixes4 + counted4]
            if prefixes4 or counted4
            else []
        ),
        ipv6_prefixes=[Ipv6Ledger.prefix_text(s) for s in all_prefixes6] if all_prefixes6 else [],
    )
    cloud.enis[eni_id] = eni
    cloud.enis_created.append(eni_id)
    return eni


def _take_all(
    vsw: VSwitch,
    req: EniRequest,
    count: int,
    explicit4: list[int],
    prefixes4: list[int],
    explicit6: list[int],
    prefixes6: list[int],
) -> tuple[list[int], list[int], list[int], list[int]]:
    """Addresses and prefixes of every kind, all or nothing: each step registers its undo
    before the next runs. Returns the IPv4 addresses, the counted /28 starts, the IPv6
    addresses and the IPv6 prefix starts."""
    undo: list[Callable[[], None]] = []
    ledger = vsw.ledger
    counted4: list[int] = []
    all6: list[int] = []
    all_prefixes6: list[int] = []
    try:
        if prefixes4:
            ledger.take_blocks(prefixes4, IPV4_BLOCK)
            undo.append(lambda: ledger.release_blocks(prefixes4, IPV4_BLOCK))
        taken = ledger.take(explicit4, count)
        undo.append(lambda: ledger.release(taken))
        if req.ipv4_prefix_count:
            counted4 = _counted_ipv4_prefixes(vsw, req)
            undo.append(lambda: ledger.release_blocks(counted4, IPV4_BLOCK))
        if vsw.ipv6_ledger is not None and req.wants_ipv6:
            ledger6 = vsw.ipv6_ledger
            # Named addresses first, so the prefixes chosen next keep clear of them.
            named6 = ledger6.take(explicit6, 0)
            undo.append(lambda: ledger6.release(named6))
            all_prefixes6 = _take_ipv6_prefixes(vsw, ledger6, req, prefixes6)
            undo.append(lambda: ledger6.release_prefixes(all_prefixes6))
            all6 = named6 + ledger6.take((), _ipv6_wanted(req) - len(explicit6))
    except Exception:
        for step in reversed(undo):
            step()
        raise
    return taken, counted4, all6, all_prefixes6


def _counted_ipv4_prefixes(vsw: VSwitch, req: EniRequest) -> list[int]:
    ledger = vsw.ledger
    ranges = [(int(r.first), int(r.last)) for r in _reservations(vsw, 4)] or [
        (ledger.first, ledger.last)
    ]
    starts = ledger.free_blocks(IPV4_BLOCK, ranges, req.ipv4_prefix_count)
    if len(starts) < req.ipv4_prefix_count:
        raise EcsError("InvalidVSwitchId.IpPrefixNotEnough", VSwitchId=vsw.vswitch_id)
    ledger.take_blocks(starts, IPV4_BLOCK)
    return starts


def _take_ipv6_prefixes(
    vsw: VSwitch, ledger: Ipv6Ledger, req: EniRequest, explicit: list[int]
) -> list[int]:
    count = req.ipv6_prefix_count
    reservations = _reservations(vsw, 6)
    if reservations and count:
        block = 1 << (128 - PREFIX_LEN)
        found: list[int] = []
        for net in reservations:
            start = int(net.first) - int(net.first) % block
            while start + block - 1 <= int(net.last) and len(found) < count:
                if ledger.prefix_is_free(start) and start not in explicit:
                    found.append(start)
                start += block
        explicit, count = explicit + found, count - len(found)
    taken = ledger.take_prefixes(explicit, count)
    if taken is None:
        raise EcsError("InvalidVSwitchId.IpPrefixNotEnough", VSwitchId=vsw.vswitch_id)
    return taken
