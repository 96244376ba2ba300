"""Render simulator objects in the API's response shapes."""

from __future__ import annotations

from typing import Any

from pytest_fake_eni.cloud.resources import Eni


def eni_body(eni: Eni) -> dict[str, Any]:
    """An ENI as CreateNetworkInterface returns it, fields in the documented order."""
    return {
        "Status": eni.status,
        "Type": eni.type,
        "VpcId": eni.vpc_id,
        "NetworkInterfaceName": eni.name,
        "MacAddress": eni.mac_address,
        "NetworkInterfaceId": eni.network_interface_id,
        "ServiceID": int(eni.attributes.get("ServiceID", 0)),
        "OwnerId": eni.owner_id,
        "ServiceManaged": bool(eni.attributes.get("ServiceManaged", False)),
        "VSwitchId": eni.vswitch_id,
        "Description": eni.description,
        "ResourceGroupId": eni.resource_group_id,
        "ZoneId": eni.zone_id,
        "PrivateIpAddress": eni.primary_ip_address,
        "SecurityGroupIds": {"SecurityGroupId": list(eni.security_group_ids)},
        "PrivateIpSets": {
            "PrivateIpSet": [
                {"PrivateIpAddress": ip, "Primary": i == 0}
                for i, ip in enumerate(eni.private_ip_addresses)
            ]
        },
        "Tags": {"Tag": [{"TagValue": v, "TagKey": k} for k, v in eni.tags.items()]},
        "Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": a} for a in eni.ipv6_addresses]},
        "Ipv4PrefixSets": {"Ipv4PrefixSet": [{"Ipv4Prefix": p} for p in eni.ipv4_prefixes]},
        "Ipv6PrefixSets": {"Ipv6PrefixSet": [{"Ipv6Prefix": p} for p in eni.ipv6_prefixes]},
    }


def eni_item(eni: Eni) -> dict[str, Any]:
    """An ENI as DescribeNetworkInterfaces (and the Attribute call) return it, in full."""
    item = eni_body(eni)
    for entry in item["PrivateIpSets"]["PrivateIpSet"]:
        entry["PrivateDnsName"] = ""  # the fake keeps no DNS names
        entry["AssociatedPublicIp"] = {}
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
            "AssociatedPublicIp": {},
            "Attachment": attachment,
        }
    )
    return item
