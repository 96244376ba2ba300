"""The simulator's invariants: what must hold whatever arrives on the wire."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_fake_eni.cloud.addresses import IPV4_BLOCK

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.state import Cloud


def check_invariants(cloud: Cloud, quotas: bool = True) -> None:
    """Raise ``AssertionError`` if any simulator invariant is broken.

    With ``quotas``, also that no quota as it stands now is exceeded; pass False
    after lowering a quota below what already exists.
    """
    _check_references(cloud, quotas)
    _check_tags(cloud)
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
