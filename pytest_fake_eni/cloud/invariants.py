"""The simulator's invariants: what must hold whatever arrives on the wire."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_fake_eni.cloud.addresses import IPV4_BLOCK

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.eips import Eip
    from pytest_fake_eni.cloud.state import Cloud


def check_invariants(cloud: Cloud, quotas: bool = True) -> None:
    """Raise ``AssertionError`` if any simulator invariant is broken.

    With ``quotas``, also that no quota as it stands now is exceeded; pass False
    after lowering a quota below what already exists.
    """
    _check_references(cloud, quotas)
    _check_tags(cloud)
    _check_eips(cloud)
    _check_network(cloud)
    _check_instances(cloud)
    seen: dict[tuple[str, str], str] = {}
    per_vswitch: dict[str, int] = {}
    per_ipv6: dict[str, int] = {}
    per_prefix6: dict[str, int] = {}
    for eni in cloud.enis.values():
        vsw = cloud.vswitches[eni.vswitch_id]
        assert eni.private_ip_addresses[0] == eni.primary_ip_address
        for text in eni.private_ip_addresses:
            key = (eni.vswitch_id, text)
            assert key not in seen, f"{text} held by {seen[key]} and {eni.network_interface_id}"
            seen[key] = eni.network_interface_id
            address = vsw.ledger.parse(text)
            assert address is not None and vsw.ledger.is_allocatable(address), text
            assert vsw.ledger.is_taken(address), f"{text} not marked taken"
        per_vswitch[eni.vswitch_id] = (
            per_vswitch.get(eni.vswitch_id, 0)
            + len(eni.private_ip_addresses)
            + IPV4_BLOCK * len(eni.ipv4_prefixes)
        )
        per_ipv6[eni.vswitch_id] = per_ipv6.get(eni.vswitch_id, 0) + len(eni.ipv6_addresses)
        per_prefix6[eni.vswitch_id] = per_prefix6.get(eni.vswitch_id, 0) + len(eni.ipv6_prefixes)
    for vsw in cloud.vswitches.values():
        held = per_vswitch.get(vsw.vswitch_id, 0) + cloud.cooling.count(vsw.vswitch_id)
        assert vsw.ledger.taken_count == held, f"{vsw.vswitch_id}: ledger vs ENIs"
        assert vsw.ledger.available >= 0
        if vsw.ipv6_ledger is not None:
            held6 = per_ipv6.get(vsw.vswitch_id, 0)
            assert vsw.ipv6_ledger.taken_count == held6, f"{vsw.vswitch_id}: IPv6"
            prefixes6 = per_prefix6.get(vsw.vswitch_id, 0)
            assert vsw.ipv6_ledger.prefix_count == prefixes6, f"{vsw.vswitch_id}: /80s"


def _check_references(cloud: Cloud, quotas: bool) -> None:
    """Ids unique and keyed right, ENIs consistent with their vSwitch and groups, quotas."""
    macs: dict[str, str] = {}
    per_region: dict[str, int] = {}
    for key, eni in cloud.enis.items():
        name = eni.network_interface_id
        assert key == name, f"{name} stored under {key}"
        assert eni.mac_address not in macs, f"{eni.mac_address}: {macs.get(eni.mac_address)}"
        macs[eni.mac_address] = name
        vsw = cloud.vswitches.get(eni.vswitch_id)
        assert vsw is not None, f"{name}: no vSwitch {eni.vswitch_id}"
        assert (eni.vpc_id, eni.zone_id, eni.region_id) == (
            vsw.vpc_id, vsw.zone_id, vsw.region_id
        ), f"{name} disagrees with {vsw.vswitch_id}"  # fmt: skip
        assert eni.security_group_ids, f"{name} is in no security group"
        for sg_id in eni.security_group_ids:
            sg = cloud.security_groups.get(sg_id)
            assert sg is not None and sg.vpc_id == eni.vpc_id, f"{name}: group {sg_id}"
        if eni.type != "Primary":  # an instance's own ENI is not under the quota
            per_region[eni.region_id] = per_region.get(eni.region_id, 0) + 1
        if quotas:
            limit = cloud.quotas
            assert len(eni.security_group_ids) <= limit.max_security_groups_per_eni, name
            assert len(eni.private_ip_addresses) <= limit.max_private_ips_per_eni, name
    if quotas:
        for region, count in per_region.items():
            assert count <= cloud.quotas.max_enis_per_region, f"{region}: {count} ENIs"


def _check_tags(cloud: Cloud) -> None:
    """Each tag-store entry is the live ``tags`` of a resource that exists, within 20 tags,
    and each ENI, instance, security group, vSwitch and VPC has its entry."""
    from pytest_fake_eni.cloud.tags import MAX_TAGS

    holders: dict[str, dict[str, Any]] = {
        "eni": cloud.enis,
        "instance": cloud.instances,
        "securitygroup": cloud.security_groups,
        "VSWITCH": cloud.vswitches,
        "VPC": cloud.vpcs,
    }
    for kind, resources in holders.items():
        for resource_id, resource in resources.items():
            entry = cloud.tags.entry(resource_id)
            assert entry is not None and entry.resource_type == kind, f"{resource_id}: no tags"
            assert resource.tags is entry.tags, f"{resource_id}: tags not the store's"
    for entry in cloud.tags.entries():
        known = holders.get(entry.resource_type)
        if known is not None:  # EIPs and later kinds check their own
            assert entry.resource_id in known, f"{entry.resource_id}: tags of a gone resource"
        assert len(entry.tags) <= MAX_TAGS, f"{entry.resource_id}: {len(entry.tags)} tags"


def _check_eips(cloud: Cloud) -> None:
    """No public address held twice, pools consistent, associations pointing at what exists."""
    store = cloud.eips
    per_pool: dict[int, int] = {}
    addresses: dict[str, str] = {}
    bound: dict[str, dict[str, str]] = {}
    for key, eip in store.eips.items():
        assert key == eip.allocation_id, f"{eip.allocation_id} stored under {key}"
        held = addresses.setdefault(eip.ip_address, key)
        assert held == key, f"{eip.ip_address} held by {held} and {key}"
        address = store.pools[0].parse(eip.ip_address)
        pool = store.pool_of(address) if address is not None else None
        assert pool is not None and address is not None, f"{key}: {eip.ip_address} in no pool"
        assert pool.is_taken(address), f"{key}: {eip.ip_address} not marked taken"
        per_pool[id(pool)] = per_pool.get(id(pool), 0) + 1
        entry = cloud.tags.entry(key)
        assert entry is not None and entry.tags is eip.tags, f"{key}: not in the tag store"
        assert eip.associated == (eip.status != "Available"), f"{key}: {eip.status}"
        if eip.associated:
            _check_association(cloud, eip)
            ips = bound.setdefault(eip.network_interface_id, {})
            assert eip.private_ip_address not in ips, f"{eip.private_ip_address}: two EIPs"
            ips[eip.private_ip_address] = key
    for pool in store.pools:
        assert pool.taken_count == per_pool.get(id(pool), 0), f"pool {pool.cidr_block}"
    assert store.held() == bound, "the EIP index disagrees with the EIPs"


def _check_association(cloud: Cloud, eip: Eip) -> None:
    key = eip.allocation_id
    eni = cloud.enis.get(eip.network_interface_id)
    assert eni is not None, f"{key} points at a missing ENI {eip.network_interface_id}"
    assert eip.private_ip_address in eni.private_ip_addresses, f"{key}: address not on ENI"
    assert eni.region_id == eip.region_id, f"{key}: another region's ENI"
    if eip.instance_type == "EcsInstance":
        instance = cloud.instances.get(eip.instance_id)
        assert instance is not None, f"{key} points at a missing instance {eip.instance_id}"
        assert instance.primary_eni_id == eni.network_interface_id, f"{key}: not the primary"
    else:
        assert eip.instance_id == eni.network_interface_id, f"{key}: {eip.instance_id}"


def _check_network(cloud: Cloud) -> None:
    """vSwitches and groups in VPCs that exist; reservations inside their vSwitch."""
    for vsw in cloud.vswitches.values():
        assert vsw.vpc_id in cloud.vpcs, f"{vsw.vswitch_id}: no VPC {vsw.vpc_id}"
        for held in vsw.reservations:
            assert held.vswitch_id == vsw.vswitch_id, held.reservation_id
    for sg in cloud.security_groups.values():
        assert sg.vpc_id in cloud.vpcs or not sg.vpc_id, f"{sg.security_group_id}: {sg.vpc_id}"
    for instance in cloud.instances.values():
        assert instance.vswitch_id in cloud.vswitches, f"{instance.instance_id}: its vSwitch"


def _check_instances(cloud: Cloud) -> None:
    """Instances and their ENIs point at each other; the primary first; within EniQuantity."""
    for key, instance in cloud.instances.items():
        name = instance.instance_id
        assert key == name, f"{name} stored under {key}"
        assert instance.eni_ids and instance.eni_ids[0] == instance.primary_eni_id, name
        assert len(instance.eni_ids) == len(set(instance.eni_ids)), f"{name}: an ENI twice"
        assert len(instance.eni_ids) <= instance.max_enis, f"{name}: over its ENI limit"
        for eni_id in instance.eni_ids:
            eni = cloud.enis.get(eni_id)
            assert eni is not None, f"{name}: no ENI {eni_id}"
            assert eni.instance_id == name, f"{eni_id} does not know it is on {name}"
            assert (eni.vpc_id, eni.zone_id) == (instance.vpc_id, instance.zone_id), eni_id
        primary = cloud.enis[instance.primary_eni_id]
        assert primary.type == "Primary" and primary.device_index == 0, name
    for eni in cloud.enis.values():
        if eni.instance_id:
            host = cloud.instances.get(eni.instance_id)
            assert host is not None, f"{eni.network_interface_id}: no {eni.instance_id}"
            assert eni.network_interface_id in host.eni_ids, eni.network_interface_id
        else:
            assert eni.type != "Primary", f"{eni.network_interface_id}: a primary ENI alone"
