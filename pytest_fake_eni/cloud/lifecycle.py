"""The ENI lifecycle: instances, attach, detach, delete, addresses and attributes.

Attach, detach and delete are asynchronous in the real service. Here each one
completes at once unless ``cloud.transition_delay`` is set; then the ENI shows
its intermediate status until that many seconds pass on the fake's clock. The
transitions are settled lazily, whenever state is read or changed (no threads).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pytest_fake_eni.cloud import addresses as held
from pytest_fake_eni.cloud import eips
from pytest_fake_eni.cloud.instance_types import InstanceType
from pytest_fake_eni.cloud.ipam import AddressLedger
from pytest_fake_eni.cloud.resources import ATTACHABLE_STATES, Eni, EniRequest, Instance
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

_GONE = "<deleted>"  # the end state of a delete: the ENI no longer exists


# -- transitions -------------------------------------------------------------------


def _begin(cloud: Cloud, eni: Eni, interim: str, final: str) -> None:
    if cloud.transition_delay <= 0:
        _finish(cloud, eni, final)
        return
    eni.status = interim

    def complete() -> None:
        if eni.pending == pending:  # not overtaken (a released instance settles its ENIs)
            _finish(cloud, eni, final)

    pending = (final, cloud.transitions.schedule(cloud.transition_delay, complete))
    eni.pending = pending


def _finish(cloud: Cloud, eni: Eni, final: str) -> None:
    eni.pending = None
    if final == _GONE:
        _remove(cloud, eni)
        return
    if final == "Available":  # a detach: the ENI leaves its instance
        instance = cloud.instances.get(eni.instance_id)
        if instance is not None and eni.network_interface_id in instance.eni_ids:
            instance.eni_ids.remove(eni.network_interface_id)
        eni.instance_id = ""
        eni.device_index = None
    eni.status = final


def _remove(cloud: Cloud, eni: Eni) -> None:
    """Delete ``eni`` and give its addresses and prefixes back to its vSwitch."""
    held.release_all(cloud, eni)
    cloud.enis.pop(eni.network_interface_id, None)
    cloud.tags.forget(eni.network_interface_id)


def _ints(ledger: AddressLedger, addresses: Sequence[str]) -> list[int]:
    return [a for a in (ledger.parse(t) for t in addresses) if a is not None]


# -- lookups ---------------------------------------------------------------------


def find_eni(cloud: Cloud, region_id: str, eni_id: str) -> Eni:
    """The ENI ``eni_id`` of ``region_id``, or ``InvalidEniId.NotFound``."""
    if region_id not in cloud.regions:
        raise EcsError("Forbidden.RegionId", RegionId=region_id)
    eni = cloud.enis.get(eni_id)
    if eni is None or eni.region_id != region_id:
        raise EcsError("InvalidEniId.NotFound", NetworkInterfaceId=eni_id)
    return eni


def find_instance(cloud: Cloud, region_id: str, instance_id: str) -> Instance:
    """The instance ``instance_id`` of ``region_id``, or ``InvalidEcsId.NotFound``."""
    instance = cloud.instances.get(instance_id)
    if instance is None or instance.region_id != region_id:
        raise EcsError("InvalidEcsId.NotFound", InstanceId=instance_id)
    return instance


def _expect_state(eni: Eni, *allowed: str) -> None:
    if eni.status not in allowed:
        raise EcsError(
            "InvalidOperation.InvalidEniState", Expected="/".join(allowed), Status=eni.status
        )


def _expect_instance_state(instance: Instance) -> None:
    if instance.status not in ATTACHABLE_STATES:
        raise EcsError("InvalidOperation.InvalidEcsState", Status=instance.status)


def _not_service_managed(eni: Eni) -> None:
    if eni.attributes.get("ServiceManaged"):
        raise EcsError("InvalidOperation.EniServiceManaged")


# -- instances ---------------------------------------------------------------------


def add_instance(
    cloud: Cloud,
    vswitch_id: str,
    instance_type: str,
    security_group_ids: Sequence[str],
    status: str = "Running",
    max_enis: int | None = None,
    max_private_ips_per_eni: int | None = None,
) -> Instance:
    """A new instance in ``vswitch_id`` with its primary ENI (type ``Primary``).

    Its limits are the ones ``instance_type`` reports (``ValueError`` for a type the account
    lacks); ``max_enis`` and ``max_private_ips_per_eni`` override them.
    """
    if (max_enis is not None and max_enis < 1) or (
        max_private_ips_per_eni is not None and max_private_ips_per_eni < 1
    ):
        raise ValueError("an instance has room for at least one ENI and one address")
    with cloud.lock:
        kind = cloud.instance_types.require(instance_type)
        vsw = cloud.vswitches.get(vswitch_id)
        if vsw is None:
            raise ValueError(f"no vSwitch {vswitch_id!r}; the fake has {sorted(cloud.vswitches)}")
        request = EniRequest(
            region_id=vsw.region_id,
            vswitch_id=vswitch_id,
            security_group_ids=list(security_group_ids),
        )
        try:
            return launch(cloud, kind, request, status, max_enis, max_private_ips_per_eni)
        except EcsError as err:
            raise ValueError(f"cannot create the instance's primary ENI: {err}") from None


def launch(
    cloud: Cloud,
    kind: InstanceType,
    primary: EniRequest,
    status: str = "Running",
    max_enis: int | None = None,
    max_private_ips_per_eni: int | None = None,
    name: str = "",
) -> Instance:
    """An instance of ``kind`` whose primary ENI ``primary`` describes (``EcsError`` as for
    the ENI); its limits come from the type unless overridden."""
    request = dataclasses.replace(primary, type="Primary", delete_on_release=True)
    eni = cloud.create_eni(request)
    vsw = cloud.vswitches[eni.vswitch_id]
    ipv4 = kind.get("EniPrivateIpAddressQuantity") or cloud.quotas.max_private_ips_per_eni
    instance = Instance(
        instance_id=cloud.ids.resource_id("i", vsw.region_id),
        region_id=vsw.region_id,
        zone_id=vsw.zone_id,
        vpc_id=vsw.vpc_id,
        vswitch_id=vsw.vswitch_id,
        instance_type=kind.instance_type_id,
        security_group_ids=list(request.security_group_ids),
        status=status,
        max_enis=max_enis or int(kind.get("EniQuantity")),
        max_private_ips_per_eni=max_private_ips_per_eni or int(ipv4),
        primary_eni_id=eni.network_interface_id,
        eni_ids=[eni.network_interface_id],
        kind=kind,
        max_ipv6_per_eni=kind.get("EniIpv6AddressQuantity"),
        name=name,
        creation_time=cloud.clock.timestamp(),
        resource_group_id=cloud.default_resource_group_id,
    )
    eni.status, eni.instance_id, eni.device_index = "InUse", instance.instance_id, 0
    instance.tags = cloud.tags.register(instance.instance_id, "instance", instance.region_id)
    cloud.instances[instance.instance_id] = instance
    return instance


def join(instance: Instance, eni: Eni) -> None:
    """Attach ``eni`` (just created with the instance) at once, in the next free slot."""
    eni.device_index = len(instance.eni_ids)
    eni.instance_id, eni.status = instance.instance_id, "InUse"
    instance.eni_ids.append(eni.network_interface_id)


def release_instance(cloud: Cloud, instance_id: str, everything: bool = False) -> None:
    """Release an instance: its primary ENI and ``DeleteOnRelease`` ENIs go, others detach
    to ``Available``; every address of an ENI that goes returns to its vSwitch. With
    ``everything`` all its ENIs go (a launch that failed gives back what it made)."""
    with cloud.lock:
        cloud.settle()
        instance = cloud.instances.pop(instance_id, None)
        if instance is None:
            raise ValueError(f"no instance {instance_id!r}; the fake has {sorted(cloud.instances)}")
        cloud.tags.forget(instance_id)
        for eni_id in instance.eni_ids:
            eni = cloud.enis.get(eni_id)
            if eni is None:
                continue
            if everything or eni.type == "Primary" or eni.delete_on_release:
                eips.let_go(cloud, eni_id)  # its EIPs are unassociated first
                eni.pending = None
                _remove(cloud, eni)
            else:
                eni.pending, eni.status, eni.instance_id, eni.device_index = (
                    None,
                    "Available",
                    "",
                    None,
                )


# -- ENI actions -------------------------------------------------------------------


def delete_eni(cloud: Cloud, region_id: str, eni_id: str) -> None:
    """DeleteNetworkInterface: only an ``Available`` secondary ENI; addresses go back."""
    with cloud.lock:
        eni = find_eni(cloud, region_id, eni_id)
        _not_service_managed(eni)
        if eni.type == "Primary":
            raise EcsError("InvalidOperation.InvalidEniType")
        _expect_state(eni, "Available")
        eips.refuse_held(cloud, eni_id)
        _begin(cloud, eni, "Deleting", _GONE)


def attach(cloud: Cloud, region_id: str, eni_id: str, instance_id: str) -> None:
    """AttachNetworkInterface: ``Available`` -> ``Attaching`` -> ``InUse``."""
    with cloud.lock:
        eni = find_eni(cloud, region_id, eni_id)
        instance = find_instance(cloud, region_id, instance_id)
        if eni.type == "Primary":
            raise EcsError("InvalidOperation.InvalidEniType")
        _expect_state(eni, "Available")
        _expect_instance_state(instance)
        if eni.vpc_id != instance.vpc_id:
            raise EcsError("InvalidOperation.VpcMismatch")
        if eni.zone_id != instance.zone_id:
            raise EcsError("InvalidOperation.AvailabilityZoneMismatch")
        if len(instance.eni_ids) >= instance.max_enis:
            raise EcsError("EniPerInstanceLimitExceeded", Limit=instance.max_enis)
        _type_limits(cloud, instance, eni)
        used = {cloud.enis[i].device_index for i in instance.eni_ids if i in cloud.enis}
        eni.device_index = next(i for i in range(len(used) + 1) if i not in used)
        eni.instance_id = instance.instance_id
        instance.eni_ids.append(eni.network_interface_id)
        _begin(cloud, eni, "Attaching", "InUse")


def _type_limits(cloud: Cloud, instance: Instance, eni: Eni) -> None:
    """What the instance type reports about trunking, ERIs and queues holds after the attach."""
    kind = instance.kind
    if kind is None:
        return
    if eni.type == "Trunk" and kind.get("EniTrunkSupported") is False:
        raise EcsError("InvalidOperation.TrunkingIsNotAllowed")
    attached = [cloud.enis[i] for i in instance.eni_ids if i in cloud.enis] + [eni]
    eris = kind.get("EriQuantity")
    rdma = sum(1 for e in attached if _traffic_mode(e) == "HighPerformance")
    if _traffic_mode(eni) == "HighPerformance" and eris is not None and rdma > eris:
        raise EcsError("InvalidOperation.HighPerformanceTrafficModeIsNotAllowed")
    total = kind.get("TotalEniQueueQuantity")
    if total is not None and sum(queue_number(e, kind) for e in attached) > total:
        raise EcsError("InvalidOperation.ExceedInstanceTypeQueueNumber", Limit=total)


def _traffic_mode(eni: Eni) -> str:
    return str(eni.attributes.get("NetworkInterfaceTrafficMode", "Standard"))


def queue_number(eni: Eni, kind: InstanceType | None) -> int:
    """The ENI's queues: as set, else its instance type's default for its kind, else 1."""
    if eni.attributes.get("QueueNumber") is not None:
        return int(eni.attributes["QueueNumber"])
    name = "PrimaryEniQueueNumber" if eni.type == "Primary" else "SecondaryEniQueueNumber"
    default = kind.get(name) if kind is not None else None
    return int(default) if default is not None else 1


def detach(cloud: Cloud, region_id: str, eni_id: str, instance_id: str) -> None:
    """DetachNetworkInterface: ``InUse`` -> ``Detaching`` -> ``Available``.

    Detaching an ENI already ``Detaching`` is accepted and changes nothing.
    """
    with cloud.lock:
        eni = find_eni(cloud, region_id, eni_id)
        instance = find_instance(cloud, region_id, instance_id)
        if eni.type == "Primary":
            raise EcsError("InvalidOperation.DetachPrimaryEniNotAllowed")
        _expect_state(eni, "InUse", "Detaching")
        if eni.instance_id != instance.instance_id:
            # Attached elsewhere: not in use by this instance.
            raise EcsError("InvalidOperation.InvalidEniState", Expected="InUse", Status=eni.status)
        _expect_instance_state(instance)
        if eni.status == "InUse":
            _begin(cloud, eni, "Detaching", "Available")


def ipv4_limit(cloud: Cloud, eni: Eni) -> int:
    """How many private IPv4 addresses ``eni`` may hold now (its instance type's cap if any)."""
    limit = cloud.quotas.max_private_ips_per_eni
    instance = cloud.instances.get(eni.instance_id)
    return min(limit, instance.max_private_ips_per_eni) if instance else limit


def ipv6_limit(cloud: Cloud, eni: Eni) -> int:
    """How many IPv6 addresses and /80s ``eni`` may hold now (its instance type's cap if any)."""
    limit = cloud.quotas.max_ipv6_addresses_per_eni
    instance = cloud.instances.get(eni.instance_id)
    cap = instance.max_ipv6_per_eni if instance else None
    return limit if cap is None else min(limit, cap)


def _address_state(cloud: Cloud, eni: Eni) -> None:
    """Address changes need an Available or InUse ENI, on a Running or Stopped instance."""
    _not_service_managed(eni)
    _expect_state(eni, "Available", "InUse")
    instance = cloud.instances.get(eni.instance_id)
    if instance is not None:
        _expect_instance_state(instance)


Assigned = tuple[list[str], list[str]]
"""The addresses and the prefixes one Assign call handed out."""


def assign_private_ips(
    cloud: Cloud,
    region_id: str,
    eni_id: str,
    addresses: Sequence[str] = (),
    count: int = 0,
    client_token: str | None = None,
    fingerprint: object = None,
    prefixes: Sequence[str] = (),
    prefix_count: int = 0,
) -> Assigned:
    """AssignPrivateIpAddresses: addresses (named or counted) or /28 prefixes; all or nothing."""

    def work() -> Assigned:
        eni = find_eni(cloud, region_id, eni_id)
        _address_state(cloud, eni)
        vsw = cloud.vswitches[eni.vswitch_id]
        limit = ipv4_limit(cloud, eni)
        if prefixes or prefix_count:
            return [], held.assign_ipv4_prefixes(cloud, eni, vsw, prefixes, prefix_count, limit)
        for text in addresses:
            if text in eni.private_ip_addresses:
                raise EcsError("InvalidIp.IpAssigned", IpAddress=text)
        # The same checks as CreateNetworkInterface's named addresses, in the same order.
        explicit = held.named_ipv4(vsw, addresses)
        wanted = len(explicit) + count
        if len(eni.private_ip_addresses) + len(eni.ipv4_prefixes) + wanted > limit:
            raise EcsError("InvalidOperation.Ipv4CountExceeded", Limit=limit)
        held.require_room(vsw, wanted, named=bool(explicit), chosen=count)
        assigned = [AddressLedger.text(a) for a in vsw.ledger.take(explicit, count)]
        eni.private_ip_addresses.extend(assigned)
        return assigned, []

    with cloud.lock:
        return cloud.tokens.once(
            "AssignPrivateIpAddresses", region_id, client_token, fingerprint, work
        )


def unassign_private_ips(
    cloud: Cloud,
    region_id: str,
    eni_id: str,
    addresses: Sequence[str],
    prefixes: Sequence[str] = (),
) -> None:
    """UnassignPrivateIpAddresses: secondary addresses and /28 prefixes go back, all or none."""
    with cloud.lock:
        eni = find_eni(cloud, region_id, eni_id)
        _address_state(cloud, eni)
        held.require_held(prefixes, eni.ipv4_prefixes)
        # The primary address cannot be unassigned: the service says it is not assigned.
        held.require_held(addresses, eni.secondary_ip_addresses)
        eips.refuse_held(cloud, eni_id, addresses)
        ledger = cloud.vswitches[eni.vswitch_id].ledger
        held.free_ipv4(cloud, cloud.vswitches[eni.vswitch_id], _ints(ledger, addresses))
        eni.private_ip_addresses[:] = [a for a in eni.private_ip_addresses if a not in addresses]
        held.unassign_ipv4_prefixes(cloud, eni, prefixes)


def assign_ipv6(
    cloud: Cloud,
    region_id: str,
    eni_id: str,
    addresses: Sequence[str] = (),
    count: int = 0,
    prefixes: Sequence[str] = (),
    prefix_count: int = 0,
    client_token: str | None = None,
    fingerprint: object = None,
) -> Assigned:
    """AssignIpv6Addresses: IPv6 addresses and /80 prefixes; all or nothing."""

    def work() -> Assigned:
        eni = find_eni(cloud, region_id, eni_id)
        _address_state(cloud, eni)
        limit = ipv6_limit(cloud, eni)
        return held.assign_ipv6(cloud, eni, addresses, count, prefixes, prefix_count, limit)

    with cloud.lock:
        return cloud.tokens.once("AssignIpv6Addresses", region_id, client_token, fingerprint, work)


def unassign_ipv6(
    cloud: Cloud, region_id: str, eni_id: str, addresses: Sequence[str], prefixes: Sequence[str]
) -> None:
    """UnassignIpv6Addresses: IPv6 addresses and /80 prefixes go back, all or none."""
    with cloud.lock:
        eni = find_eni(cloud, region_id, eni_id)
        _address_state(cloud, eni)
        held.unassign_ipv6(cloud, eni, addresses, prefixes)


@dataclass(frozen=True)
class EniChanges:
    """What ModifyNetworkInterfaceAttribute asks to change (None: leave as is)."""

    name: str | None = None
    description: str | None = None
    security_group_ids: Sequence[str] | None = None
    delete_on_release: bool | None = None
    attributes: tuple[tuple[str, Any], ...] = ()
    enable_primary_ipv6: bool = False


def modify(cloud: Cloud, region_id: str, eni_id: str, changes: EniChanges) -> None:
    """ModifyNetworkInterfaceAttribute: a new security group set replaces the old one."""
    with cloud.lock:
        eni = find_eni(cloud, region_id, eni_id)
        _not_service_managed(eni)
        groups = changes.security_group_ids
        if groups is not None:
            for sg_id in groups:
                sg = cloud.security_groups.get(sg_id)
                if sg is None or sg.region_id != region_id:
                    raise EcsError("InvalidSecurityGroupId.NotFound", SecurityGroupId=sg_id)
            for sg_id in groups:
                if cloud.security_groups[sg_id].vpc_id != eni.vpc_id:
                    raise EcsError("InvalidOperation.VpcMismatch", SecurityGroupId=sg_id)
            if len(groups) > cloud.quotas.max_security_groups_per_eni:
                raise EcsError(
                    "JoinedGroupLimitExceed", Limit=cloud.quotas.max_security_groups_per_eni
                )
        if eni.status in ("Deleting",):
            _expect_state(eni, "Available", "InUse")
        if changes.enable_primary_ipv6:  # the last check that can fail: nothing changed yet
            _primary_ipv6(cloud, eni)
        if changes.name is not None:
            eni.name = changes.name
        if changes.description is not None:
            eni.description = changes.description
        if groups is not None:
            eni.security_group_ids = list(groups)
        if changes.delete_on_release is not None:
            eni.delete_on_release = changes.delete_on_release
        eni.attributes.update(dict(changes.attributes))


def _primary_ipv6(cloud: Cloud, eni: Eni) -> None:
    """Give ``eni`` a primary IPv6 address (its first), as EnablePrimaryIPv6 does at create."""
    if eni.attributes.get("EnablePrimaryIPv6"):
        return
    if cloud.vswitches[eni.vswitch_id].ipv6_ledger is None:
        raise EcsError("InvalidOperation.EnableIpv6Failed", VSwitchId=eni.vswitch_id)
    if not eni.ipv6_addresses:  # an address held already becomes the primary
        held.assign_ipv6(cloud, eni, (), 1, (), 0)
