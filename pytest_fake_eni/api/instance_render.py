"""Instances in the API's response shapes, and request parts the instance actions share."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from pytest_fake_eni.api.render import eni_body
from pytest_fake_eni.api.validation import rule
from pytest_fake_eni.cloud.instances import enis_of
from pytest_fake_eni.cloud.resources import Eni, Instance
from pytest_fake_eni.cloud.state import Cloud


class InstanceCall(BaseModel):
    """A call naming one instance. The Tea models of these actions carry no ``RegionId``
    (instance ids are unique across regions); legacy SDKs send one, which then must match."""

    model_config = ConfigDict(extra="ignore", strict=False)

    InstanceId: str
    RegionId: str | None = None


def json_list(value: object, name: str, limit: int = 100) -> list[str] | None:
    """A JSON array of strings sent as text (``InstanceIds='["i-1","i-2"]'``), as real clients
    send these; ``InvalidParameter`` naming ``name`` when it is not one (or holds too many)."""
    if value is None:
        return None
    if isinstance(value, list):  # a tree value (Tea sends text; a few callers send lists)
        items: object = value
    else:
        try:
            items = json.loads(str(value))
        except ValueError:
            raise rule("InvalidParameter", Parameter=name) from None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise rule("InvalidParameter", Parameter=name)
    if len(items) > limit:
        raise rule("InvalidParameter", Parameter=name)
    return list(items)


_ENI_FIELDS = ("NetworkInterfaceId", "Type", "MacAddress", "PrivateIpSets", "Ipv6Sets")
_PREFIX_FIELDS = ("Ipv4PrefixSets", "Ipv6PrefixSets")


def _eni_entry(eni: Eni) -> dict[str, Any]:
    """An ENI as an instance lists it: the fields of ``eni_body`` the SDK models read."""
    body = eni_body(eni)
    entry = {name: body[name] for name in _ENI_FIELDS + _PREFIX_FIELDS}
    entry["PrimaryIpAddress"] = eni.primary_ip_address
    for address in entry["PrivateIpSets"]["PrivateIpSet"]:
        address["PrivateDnsName"] = ""  # the fake keeps no DNS names
    return entry


def _common(cloud: Cloud, instance: Instance) -> dict[str, Any]:
    """The fields DescribeInstances and DescribeInstanceAttribute share."""
    kind = instance.kind
    primary = cloud.enis.get(instance.primary_eni_id)
    return {
        "InstanceId": instance.instance_id,
        "InstanceName": instance.name,
        "RegionId": instance.region_id,
        "ZoneId": instance.zone_id,
        "InstanceType": instance.instance_type,
        "Cpu": int(kind.get("CpuCoreCount") or 0) if kind else 0,
        "Memory": int(float(kind.get("MemorySize") or 0) * 1024) if kind else 0,
        "Status": instance.status,
        "CreationTime": instance.creation_time,
        "InstanceNetworkType": "vpc",
        "SecurityGroupIds": {"SecurityGroupId": list(instance.security_group_ids)},
        "VpcAttributes": {
            "VpcId": instance.vpc_id,
            "VSwitchId": instance.vswitch_id,
            "PrivateIpAddress": {"IpAddress": [primary.primary_ip_address] if primary else []},
            "NatIpAddress": "",
        },
        "OperationLocks": {"LockReason": []},
    }


def instance_item(cloud: Cloud, instance: Instance) -> dict[str, Any]:
    """An instance as DescribeInstances returns it: its ENIs, the primary first."""
    kind = instance.kind
    item = _common(cloud, instance)
    item.update(
        {
            "InstanceTypeFamily": kind.family if kind else "",
            "GPUAmount": int(kind.get("GPUAmount") or 0) if kind else 0,
            "GPUSpec": str(kind.get("GPUSpec") or "") if kind else "",
            "ResourceGroupId": instance.resource_group_id,
            "NetworkInterfaces": {
                "NetworkInterface": [_eni_entry(e) for e in enis_of(cloud, instance)]
            },
            "Tags": {"Tag": [{"TagKey": k, "TagValue": v} for k, v in instance.tags.items()]},
        }
    )
    return item


def attribute_body(cloud: Cloud, instance: Instance) -> dict[str, Any]:
    """An instance as DescribeInstanceAttribute returns it."""
    return _common(cloud, instance)
