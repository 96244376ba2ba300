"""Instances through the API: RunInstances, StartInstance, StopInstance, DeleteInstance and
the filters of DescribeInstances. The ENI side (primary ENIs, limits, release) lives in
``lifecycle``; this module holds the instance's own rules.

RunInstances is all or nothing: every check runs before anything is created, and if an ENI
cannot be created after all (a quota, a group's member limit), what was made is given back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.instance_types import InstanceType
from pytest_fake_eni.cloud.resources import Eni, EniRequest, Instance, VSwitch
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import matches
from pytest_fake_eni.errors import EcsError


@dataclass(frozen=True)
class EniSpec:
    """One ENI of a launch (``NetworkInterface.N``; the primary's fields come from the top
    level when it has no entry of its own)."""

    vswitch_id: str
    security_group_ids: tuple[str, ...]
    primary_ip_address: str | None = None
    secondary_count: int = 0
    ipv6_count: int = 0
    ipv6_addresses: tuple[str, ...] = ()
    name: str = ""
    description: str = ""
    delete_on_release: bool | None = None
    attributes: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Launch:
    """What a RunInstances call asks for, validated for syntax."""

    region_id: str
    instance_type: str
    primary: EniSpec
    secondary: tuple[EniSpec, ...] = ()
    amount: int = 1
    name: str = ""
    tags: tuple[tuple[str, str], ...] = ()
    resource_group_id: str = ""
    zone_id: str | None = None
    dry_run: bool = False


def run(cloud: Cloud, launch: Launch) -> list[Instance]:
    """RunInstances: check everything, then launch ``amount`` instances with their ENIs."""
    region = cloud.regions.get(launch.region_id)
    if region is None:
        raise EcsError("Forbidden.RegionId", RegionId=launch.region_id)
    kind = cloud.instance_types.get(launch.instance_type)
    if kind is None:
        raise EcsError("InvalidInstanceType.ValueNotSupported", InstanceType=launch.instance_type)
    if launch.resource_group_id and launch.resource_group_id not in cloud.resource_groups:
        raise EcsError("InvalidResourceGroup.NotFound", ResourceGroupId=launch.resource_group_id)
    specs = (launch.primary, *launch.secondary)
    for spec in specs:
        _check_spec(cloud, launch.region_id, spec)
    home = cloud.vswitches[launch.primary.vswitch_id]
    if launch.zone_id is not None and launch.zone_id != home.zone_id:
        raise EcsError("InvalidParameter.Mismatch", variant="zone", ZoneId=launch.zone_id)
    for spec in launch.secondary:  # an instance's ENIs share its VPC and zone
        vsw = cloud.vswitches[spec.vswitch_id]
        if vsw.vpc_id != home.vpc_id:
            raise EcsError("InvalidParameter.Mismatch", VSwitchId=spec.vswitch_id)
        if vsw.zone_id != home.zone_id:
            raise EcsError("InvalidParameter.Mismatch", variant="zone", VSwitchId=spec.vswitch_id)
    _check_limits(kind, specs)
    _check_room(cloud, specs, launch.amount)
    if launch.dry_run:
        raise EcsError("DryRunOperation")
    made: list[Instance] = []
    try:
        for _ in range(launch.amount):
            made.append(_launch_one(cloud, kind, launch))
    except EcsError:
        for instance in made:  # all or nothing: give back what this call made
            lifecycle.release_instance(cloud, instance.instance_id, everything=True)
        raise
    return made


def _check_spec(cloud: Cloud, region_id: str, spec: EniSpec) -> None:
    vsw = cloud.vswitches.get(spec.vswitch_id)
    if vsw is None or vsw.region_id != region_id:
        raise EcsError("InvalidVSwitchId.NotFound", VSwitchId=spec.vswitch_id)
    for sg_id in spec.security_group_ids:
        sg = cloud.security_groups.get(sg_id)
        if sg is None or sg.region_id != region_id:
            raise EcsError("InvalidSecurityGroupId.NotFound", SecurityGroupId=sg_id)
        if sg.vpc_id != vsw.vpc_id:
            raise EcsError("InvalidParameter.Mismatch", SecurityGroupId=sg_id)
    if vsw.status not in ("Available", "Created"):
        raise EcsError("IncorrectVSwitchStatus", Status=vsw.status, VSwitchId=vsw.vswitch_id)
    if spec.primary_ip_address is not None:
        _check_address(vsw, spec.primary_ip_address)


def _check_address(vsw: VSwitch, text: str) -> None:
    address = vsw.ledger.parse(text)
    if address is None:
        raise EcsError("InvalidPrivateIpAddress.Malformed", IpAddress=text)
    if not vsw.ledger.is_allocatable(address):  # outside the CIDR, or reserved
        raise EcsError("InvalidPrivateIpAddress", IpAddress=text)
    if vsw.ledger.is_taken(address):
        raise EcsError("InvalidPrivateIpAddress.Duplicated", IpAddress=text)


def _check_limits(kind: InstanceType, specs: Sequence[EniSpec]) -> None:
    """The type's limits, as the launch asks them of each instance."""
    if len(specs) > int(kind.get("EniQuantity")):
        raise EcsError("EniPerInstanceLimitExceeded", Limit=kind.get("EniQuantity"))
    ipv4 = kind.get("EniPrivateIpAddressQuantity")
    ipv6 = kind.get("EniIpv6AddressQuantity")
    for spec in specs:
        if ipv4 is not None and 1 + spec.secondary_count > ipv4:
            raise EcsError("MaxEniPrivateIpsCountExceeded", Limit=ipv4)
        if ipv6 is not None and spec.ipv6_count + len(spec.ipv6_addresses) > ipv6:
            raise EcsError("InvalidOperation.Ipv6CountExceeded", Limit=ipv6)


def _check_room(cloud: Cloud, specs: Sequence[EniSpec], amount: int) -> None:
    """Every vSwitch has the addresses the whole launch takes from it, and the ones the
    ledger picks lie outside its CIDR reservations."""
    wanted: dict[str, int] = {}
    chosen: dict[str, int] = {}
    for spec in specs:
        named = 1 if spec.primary_ip_address else 0
        wanted[spec.vswitch_id] = wanted.get(spec.vswitch_id, 0) + amount * (
            1 + spec.secondary_count
        )
        chosen[spec.vswitch_id] = chosen.get(spec.vswitch_id, 0) + amount * (
            1 - named + spec.secondary_count
        )
    for vswitch_id, count in wanted.items():
        ledger = cloud.vswitches[vswitch_id].ledger
        if count > ledger.available or chosen[vswitch_id] > ledger.choosable:
            raise EcsError("QuotaExceeded.PrivateIpAddress", VSwitchId=vswitch_id)


def _request(region_id: str, spec: EniSpec, resource_group_id: str) -> EniRequest:
    return EniRequest(
        region_id=region_id,
        vswitch_id=spec.vswitch_id,
        security_group_ids=list(spec.security_group_ids),
        primary_ip_address=spec.primary_ip_address,
        secondary_count=spec.secondary_count,
        ipv6_count=spec.ipv6_count,
        ipv6_addresses=spec.ipv6_addresses,
        name=spec.name,
        description=spec.description,
        delete_on_release=spec.delete_on_release,
        resource_group_id=resource_group_id,
        attributes=spec.attributes,
    )


def _launch_one(cloud: Cloud, kind: InstanceType, launch: Launch) -> Instance:
    group = launch.resource_group_id
    instance = lifecycle.launch(
        cloud, kind, _request(launch.region_id, launch.primary, group), name=launch.name
    )
    if group:
        instance.resource_group_id = group
    instance.tags.update(launch.tags)
    try:
        for spec in launch.secondary:
            request = _request(launch.region_id, spec, group)
            lifecycle.join(instance, cloud.create_eni(request))
    except EcsError:
        lifecycle.release_instance(cloud, instance.instance_id, everything=True)
        raise
    return instance


# -- start, stop, delete -----------------------------------------------------------


def find(cloud: Cloud, region_id: str | None, instance_id: str) -> Instance:
    """The instance of an instance action, or ``InvalidInstanceId.NotFound`` (also when a
    ``RegionId`` is sent and the instance is in another region)."""
    instance = cloud.instances.get(instance_id)
    if instance is None or region_id not in (None, instance.region_id):
        raise EcsError("InvalidInstanceId.NotFound", InstanceId=instance_id)
    return instance


def _expect(instance: Instance, *allowed: str) -> None:
    if instance.status not in allowed:
        raise EcsError("IncorrectInstanceStatus", Status=instance.status)


def _begin(cloud: Cloud, instance: Instance, interim: str, final: str) -> None:
    """``interim`` until ``transition_delay`` passes on the clock, then ``final``."""
    if cloud.transition_delay <= 0:
        instance.status, instance.pending = final, None
        return
    instance.status = interim

    def complete() -> None:
        if instance.pending == pending and instance.instance_id in cloud.instances:
            instance.status, instance.pending = final, None

    pending = (final, cloud.transitions.schedule(cloud.transition_delay, complete))
    instance.pending = pending


def _change(
    cloud: Cloud, region_id: str | None, instance_id: str, dry_run: bool, moves: tuple[str, ...]
) -> None:
    """``moves`` is (the status it needs, the one it shows meanwhile, the one it ends in)."""
    instance = find(cloud, region_id, instance_id)
    _expect(instance, moves[0])
    if dry_run:
        raise EcsError("DryRunOperation")
    _begin(cloud, instance, moves[1], moves[2])


def start(cloud: Cloud, region_id: str | None, instance_id: str, dry_run: bool = False) -> None:
    """StartInstance: ``Stopped`` -> ``Starting`` -> ``Running``."""
    _change(cloud, region_id, instance_id, dry_run, ("Stopped", "Starting", "Running"))


def stop(cloud: Cloud, region_id: str | None, instance_id: str, dry_run: bool = False) -> None:
    """StopInstance: ``Running`` -> ``Stopping`` -> ``Stopped``."""
    _change(cloud, region_id, instance_id, dry_run, ("Running", "Stopping", "Stopped"))


def delete(
    cloud: Cloud, region_id: str | None, instance_id: str, force: bool = False,
    dry_run: bool = False,
) -> None:  # fmt: skip
    """DeleteInstance: a ``Stopped`` instance (a ``Running`` one with ``Force``) is released;
    ENIs with ``DeleteOnRelease`` go with it, the others detach to ``Available``."""
    instance = find(cloud, region_id, instance_id)
    _expect(instance, *(("Stopped", "Running") if force else ("Stopped",)))
    if dry_run:
        raise EcsError("DryRunOperation")
    lifecycle.release_instance(cloud, instance_id)


# -- DescribeInstances ---------------------------------------------------------------


@dataclass(frozen=True)
class InstanceFilter:
    """DescribeInstances' filters (None: not filtered on)."""

    region_id: str
    instance_ids: tuple[str, ...] | None = None
    private_ip_addresses: tuple[str, ...] | None = None
    vpc_id: str | None = None
    vswitch_id: str | None = None
    zone_id: str | None = None
    instance_type: str | None = None
    instance_type_family: str | None = None
    status: str | None = None
    name: str | None = None
    resource_group_id: str | None = None
    security_group_id: str | None = None
    tags: tuple[tuple[str, str | None], ...] = field(default=())


def _name_matches(pattern: str, name: str) -> bool:
    """``InstanceName``: exact, or with ``*`` standing for any run of characters."""
    parts = [re.escape(p) for p in pattern.split("*")]
    return re.fullmatch(".*".join(parts), name) is not None


def enis_of(cloud: Cloud, instance: Instance) -> list[Eni]:
    """The instance's ENIs, the primary first (those attached or attaching)."""
    return [cloud.enis[i] for i in instance.eni_ids if i in cloud.enis]


def select(cloud: Cloud, wanted: InstanceFilter) -> list[Instance]:
    """The instances of the region that pass every filter, oldest first."""
    found = []
    for instance in cloud.instances.values():
        if instance.region_id != wanted.region_id or not _passes(cloud, instance, wanted):
            continue
        found.append(instance)
    return found


def _passes(cloud: Cloud, instance: Instance, wanted: InstanceFilter) -> bool:
    family = instance.kind.family if instance.kind else ""
    plain = (
        (wanted.vpc_id, instance.vpc_id),
        (wanted.vswitch_id, instance.vswitch_id),
        (wanted.zone_id, instance.zone_id),
        (wanted.instance_type, instance.instance_type),
        (wanted.instance_type_family, family),
        (wanted.status, instance.status),
        (wanted.resource_group_id, instance.resource_group_id),
    )
    if any(want is not None and want != value for want, value in plain):
        return False
    if wanted.name is not None and not _name_matches(wanted.name, instance.name):
        return False
    if wanted.instance_ids is not None and instance.instance_id not in wanted.instance_ids:
        return False
    group = wanted.security_group_id
    if group is not None and group not in instance.security_group_ids:
        return False
    if wanted.private_ip_addresses is not None:
        primary = cloud.enis.get(instance.primary_eni_id)
        addresses = primary.private_ip_addresses if primary else []
        if not set(addresses) & set(wanted.private_ip_addresses):
            return False
    return matches(instance.tags, wanted.tags)
