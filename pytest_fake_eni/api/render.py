"""Render simulator objects in the API's response shapes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pytest_fake_eni.cloud.resources import Eni

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.eips import Eip


def eni_body(eni: Eni) -> dict[str, Any]:
    """An ENI as CreateNetworkInterface returns it, fields in the documented order."""
    tags = eni.tags
    attributes = eni.attributes
    addresses = eni.private_ip_addresses
    # Every create answers with this: the common cases (one address, no IPv6, no prefixes,
    # no service attributes) are tested inline rather than paid for in calls.
    return {
        "Status": eni.status,
        "Type": eni.type,
        "VpcId": eni.vpc_id,
        "NetworkInterfaceName": eni.name,
        "MacAddress": eni.mac_address,
        "NetworkInterfaceId": eni.network_interface_id,
        "ServiceID": int(attributes["ServiceID"]) if "ServiceID" in attributes else 0,
        "OwnerId": eni.owner_id,
        "ServiceManaged": "ServiceManaged" in attributes and bool(attributes["ServiceManaged"]),
        "VSwitchId": eni.vswitch_id,
        "Description": eni.description,
        "ResourceGroupId": eni.resource_group_id,
        "ZoneId": eni.zone_id,
        "PrivateIpAddress": eni.primary_ip_address,
        "SecurityGroupIds": {"SecurityGroupId": list(eni.security_group_ids)},
        "PrivateIpSets": {
            "PrivateIpSet": [{"PrivateIpAddress": addresses[0], "Primary": True}]
            if len(addresses) == 1
            else _private_ip_sets(addresses)
        },
        "Tags": {"Tag": [{"TagValue": v, "TagKey": k} for k, v in tags.items()] if tags else []},
        "Ipv6Sets": {
            "Ipv6Set": _items("Ipv6Address", eni.ipv6_addresses) if eni.ipv6_addresses else []
        },
        "Ipv4PrefixSets": {
            "Ipv4PrefixSet": _items("Ipv4Prefix", eni.ipv4_prefixes) if eni.ipv4_prefixes else []
        },
        "Ipv6PrefixSets": {
            "Ipv6PrefixSet": _items("Ipv6Prefix", eni.ipv6_prefixes) if eni.ipv6_prefixes else []
        },
    }


def _private_ip_sets(addresses: list[str]) -> list[dict[str, Any]]:
    return [{"PrivateIpAddress": a, "Primary": i == 0} for i, a in enumerate(addresses)]


def _items(key: str, values: list[str]) -> list[dict[str, str]]:
    return [{key: v} for v in values]


def eni_item(eni: Eni, public_ips: Mapping[str, Eip] | None = None) -> dict[str, Any]:
    """An ENI as DescribeNetworkInterfaces (and the Attribute call) return it, in full.

    ``public_ips``: the EIPs the ENI holds, by private address (``cloud.eips.on_eni``).
    """
    item = eni_body(eni)
    public_ips = public_ips or {}
    for entry in item["PrivateIpSets"]["PrivateIpSet"]:
        entry["PrivateDnsName"] = ""  # the fake keeps no DNS names
        entry["AssociatedPublicIp"] = _public_ip(public_ips.get(entry["PrivateIpAddress"]))
    attachment: dict[str, Any] = {}
    if eni.instance_id:
        attachment = {
            "InstanceId": eni.instance_id,
            "DeviceIndex": eni.device_index,
            "NetworkCardIndex": 0,
            "TrunkNetworkInterfaceId": "",
        }
    item.update(
        {
            "InstanceId": eni.instance_id,
            "CreationTime": eni.creation_time,
            # The default of DeleteOnRelease is undocumented: the fake keeps the ENI.
            "DeleteOnRelease": bool(eni.delete_on_release),
            "NetworkInterfaceTrafficMode": eni.attributes.get(
                "NetworkInterfaceTrafficMode", "Standard"
            ),
            "QueueNumber": int(eni.attributes.get("QueueNumber", 1)),
            "QueuePairNumber": int(eni.attributes.get("QueuePairNumber", 0)),
            "SourceDestCheck": bool(eni.attributes.get("SourceDestCheck", False)),
            "AssociatedPublicIp": _public_ip(public_ips.get(eni.primary_ip_address)),
            "Attachment": attachment,
        }
    )
    return item


def _public_ip(eip: Eip | None) -> dict[str, str]:
    """``AssociatedPublicIp``: the EIP on one private address, empty when there is none."""
    if eip is None:
        return {}
    return {"PublicIpAddress": eip.ip_address, "AllocationId": eip.allocation_id}
