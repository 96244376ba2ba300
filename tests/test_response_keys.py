"""Every key the fake sends is one the installed Tea response model reads.

The Tea SDK's ``from_map`` silently drops a key it does not know, so a misspelt or misplaced
field reaches the user as ``None``. The keys each model reads are derived from the model
classes themselves: an AST walk of ``from_map`` finds each ``m.get('Key')`` and the nested
model class it builds for that key. Every served action (``pytest_fake_eni.api.PRODUCTS``)
is called through the Tea SDK in a rich state (an attached ENI with secondary addresses,
IPv6 addresses, IPv4 and IPv6 prefixes and tags) and its raw JSON is walked against that.
The model keys the fake never sends are docs/response-fields.md's table, with the reason.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.api import PRODUCTS
from tests.drivers import TeaDriver
from tests.lifecycle_drivers import ecs, vpc

PACKAGES = {"Ecs": "alibabacloud_ecs20140526.models", "Vpc": "alibabacloud_vpc20160428.models"}
DOC = Path(__file__).parent.parent / "docs" / "response-fields.md"
IPV6 = "2408:4005:3d8:3c00::/64"

Schema = dict[str, Any]  # key -> nested Schema (a model) or None (a value kept as sent)


@cache
def schema(model: type) -> Schema:
    """The keys ``model.from_map`` reads, each with the schema of the model it builds."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(model.from_map)))
    models = importlib.import_module(model.__module__.rsplit(".", 1)[0])
    keys: Schema = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.If) and _reads(node.test)):
            continue
        key = _reads(node.test)
        nested = [
            n.func.attr
            for n in ast.walk(ast.Module(body=node.body, type_ignores=[]))
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            if inspect.isclass(getattr(models, n.func.attr, None))
        ]
        keys[key] = ("model", getattr(models, nested[0])) if nested else None
    return keys


def _reads(test: ast.expr) -> str | None:
    """``m.get('Key') is not None`` -> ``Key``."""
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.Call):
        call = test.left
        if isinstance(call.func, ast.Attribute) and call.func.attr == "get" and call.args:
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return first.value
    return None


def _nested(entry: Any) -> Schema | None:
    return schema(entry[1]) if entry else None


def dropped(raw: Any, keys: Schema, path: str = "") -> Iterator[str]:
    """Paths of the keys in ``raw`` that the model with ``keys`` does not read."""
    if isinstance(raw, list):
        for item in raw:
            yield from dropped(item, keys, f"{path}[]")
        return
    if not isinstance(raw, dict):
        return
    for key, value in raw.items():
        here = f"{path}.{key}" if path else key
        if key not in keys:
            yield here
            continue
        nested = _nested(keys[key])
        if nested is not None:
            yield from dropped(value, nested, here)


def unsent(raw: Any, keys: Schema, path: str = "") -> Iterator[str]:
    """Paths of the model's keys that ``raw`` (all items of its lists together) never has."""
    items = [r for r in (raw if isinstance(raw, list) else [raw]) if isinstance(r, dict)]
    if not items:
        return
    for key, entry in keys.items():
        here = f"{path}.{key}" if path else key
        values = [item[key] for item in items if key in item]
        if not values:
            yield here
            continue
        nested = _nested(entry)
        if nested is not None:
            flat = [v for value in values for v in (value if isinstance(value, list) else [value])]
            yield from unsent(flat, nested, here)


# -- a rich state, and one call per served action in it ---------------------------------


class Rich:
    """An attached ENI with every kind of address, tags and an EIP; a spare ENI; an
    instance launched by RunInstances; tagged VPC, vSwitch and instance; a spare EIP; a
    CIDR reservation."""

    def __init__(self, fake: FakeEcs, tea: TeaDriver) -> None:
        fake.default_vswitch.enable_ipv6(IPV6)
        self.fake, self.tea = fake, tea
        self.vpc_id = fake.default_vpc.vpc_id
        self.vsw = fake.default_vswitch.vswitch_id
        self.sg = fake.default_security_group.security_group_id
        self.instance = fake.add_instance().instance_id
        self.eni = self.create(
            SecondaryPrivateIpAddressCount=2,
            Ipv6AddressCount=2,
            Ipv6PrefixCount=1,
            Tag=[{"Key": "team", "Value": "net"}, {"Key": "tier", "Value": "web"}],
            NetworkInterfaceName="rich",
            Description="a rich ENI",
            ClientToken="rich-1",
        )
        ecs(tea, "AssignPrivateIpAddresses", NetworkInterfaceId=self.eni, Ipv4PrefixCount=1)
        ecs(tea, "AttachNetworkInterface", NetworkInterfaceId=self.eni, InstanceId=self.instance)
        self.spare = self.create(Tag=[{"Key": "team", "Value": "net"}])
        held = fake.cloud.enis[self.eni]
        self.secondary = held.private_ip_addresses[1]
        self.ipv6 = held.ipv6_addresses[0]
        self.eip = self.allocate(Name="edge", Description="the rich ENI's")
        on_eni = {"InstanceType": "NetworkInterface", "InstanceId": self.eni}
        vpc(tea, "AssociateEipAddress", AllocationId=self.eip, **on_eni)
        self.spare_eip = self.allocate()
        launched = ecs(
            tea,
            "RunInstances",
            InstanceType="ecs.g7.large",
            VSwitchId=self.vsw,
            SecurityGroupId=self.sg,
            Ipv6AddressCount=1,
            InstanceName="launched",
            Tag=[{"Key": "team", "Value": "net"}],
            NetworkInterface=[{"InstanceType": "Secondary", "SecondaryPrivateIpAddressCount": 1}],
        )
        self.launched = str(launched["InstanceIdSets"]["InstanceIdSet"][0])
        team = [{"Key": "team", "Value": "net"}]
        ecs(tea, "TagResources", ResourceType="instance", ResourceId=[self.instance], Tag=team)
        ecs(tea, "TagResources", ResourceType="securitygroup", ResourceId=[self.sg], Tag=team)
        vpc(tea, "TagResources", ResourceType="VPC", ResourceId=[self.vpc_id], Tag=team)
        vpc(tea, "TagResources", ResourceType="VSWITCH", ResourceId=[self.vsw], Tag=team)
        self.reservation = str(
            vpc(
                tea,
                "CreateVSwitchCidrReservation",
                VSwitchId=self.vsw,
                VSwitchCidrReservationCidr="172.16.0.128/26",
                VSwitchCidrReservationName="kept",
                VSwitchCidrReservationDescription="for later",
            )["VSwitchCidrReservationId"]
        )

    def create(self, **params: Any) -> str:
        body = self.tea.create_eni(VSwitchId=self.vsw, SecurityGroupId=self.sg, **params)
        return str(body["NetworkInterfaceId"])

    def allocate(self, **params: Any) -> str:
        return str(vpc(self.tea, "AllocateEipAddress", Bandwidth="5", **params)["AllocationId"])

    def stopped(self) -> str:
        """A stopped instance with no ENI of its own besides its primary."""
        return self.fake.add_instance(status="Stopped").instance_id

    def empty_vpc(self) -> str:
        """A VPC holding nothing (so it can be deleted)."""
        return str(vpc(self.tea, "CreateVpc", CidrBlock="10.0.0.0/8")["VpcId"])

    def empty_vswitch(self) -> str:
        """A vSwitch holding nothing (so it can be deleted)."""
        made = vpc(
            self.tea,
            "CreateVSwitch",
            VpcId=self.vpc_id,
            CidrBlock="172.16.9.0/24",
            ZoneId=self.fake.default_vswitch.zone_id,
        )
        return str(made["VSwitchId"])


_TAG = [{"Key": "env", "Value": "test"}]

CALLS: dict[tuple[str, str], Callable[[Rich], dict[str, Any]]] = {
    ("Ecs", "CreateNetworkInterface"): lambda r: {
        "VSwitchId": r.vsw,
        "SecurityGroupId": r.sg,
        "SecondaryPrivateIpAddressCount": 1,
        "Ipv6AddressCount": 1,
        "Ipv6PrefixCount": 1,
        "Tag": [{"Key": "k", "Value": "v"}],
        "NetworkInterfaceName": "another",
    },
    ("Ecs", "DescribeNetworkInterfaces"): lambda r: {"VpcId": r.vpc_id},
    ("Ecs", "DescribeNetworkInterfaceAttribute"): lambda r: {"NetworkInterfaceId": r.eni},
    ("Ecs", "DeleteNetworkInterface"): lambda r: {"NetworkInterfaceId": r.spare},
    ("Ecs", "AttachNetworkInterface"): lambda r: {
        "NetworkInterfaceId": r.spare,
        "InstanceId": r.instance,
    },
    ("Ecs", "DetachNetworkInterface"): lambda r: {
        "NetworkInterfaceId": r.eni,
        "InstanceId": r.instance,
    },
    ("Ecs", "AssignPrivateIpAddresses"): lambda r: {
        "NetworkInterfaceId": r.eni,
        "SecondaryPrivateIpAddressCount": 1,
    },
    ("Ecs", "UnassignPrivateIpAddresses"): lambda r: {
        "NetworkInterfaceId": r.eni,
        "PrivateIpAddress": [r.secondary],
    },
    ("Ecs", "ModifyNetworkInterfaceAttribute"): lambda r: {
        "NetworkInterfaceId": r.eni,
        "Description": "changed",
    },
    ("Ecs", "AssignIpv6Addresses"): lambda r: {"NetworkInterfaceId": r.eni, "Ipv6AddressCount": 1},
    ("Ecs", "UnassignIpv6Addresses"): lambda r: {
        "NetworkInterfaceId": r.eni,
        "Ipv6Address": [r.ipv6],
    },
    ("Ecs", "DescribeVSwitches"): lambda r: {"VpcId": r.vpc_id},
    ("Ecs", "DescribeVpcs"): lambda r: {},
    ("Vpc", "DescribeVSwitches"): lambda r: {"VpcId": r.vpc_id},
    ("Vpc", "DescribeVpcs"): lambda r: {},
    # Instances and instance types
    ("Ecs", "DescribeInstanceTypes"): lambda r: {},
    ("Ecs", "RunInstances"): lambda r: {
        "InstanceType": "ecs.g7.large",
        "VSwitchId": r.vsw,
        "SecurityGroupId": r.sg,
        "Amount": 2,
        "Tag": _TAG,
    },
    ("Ecs", "DescribeInstances"): lambda r: {},
    ("Ecs", "DescribeInstanceAttribute"): lambda r: {"InstanceId": r.instance},
    ("Ecs", "StartInstance"): lambda r: {"InstanceId": r.stopped()},
    ("Ecs", "StopInstance"): lambda r: {"InstanceId": r.launched},
    ("Ecs", "DeleteInstance"): lambda r: {"InstanceId": r.stopped()},
    # Regions, zones, security groups
    ("Ecs", "DescribeRegions"): lambda r: {},
    ("Ecs", "DescribeZones"): lambda r: {},
    ("Ecs", "CreateSecurityGroup"): lambda r: {
        "VpcId": r.vpc_id,
        "SecurityGroupName": "web",
        "Description": "the web tier",
        "Tag": _TAG,
    },
    ("Ecs", "DeleteSecurityGroup"): lambda r: {
        "SecurityGroupId": r.fake.add_security_group(r.vpc_id).security_group_id
    },
    ("Ecs", "DescribeSecurityGroups"): lambda r: {"VpcId": r.vpc_id},
    ("Ecs", "DescribeSecurityGroupAttribute"): lambda r: {"SecurityGroupId": r.sg},
    # Tags
    ("Ecs", "AddTags"): lambda r: {"ResourceType": "eni", "ResourceId": r.eni, "Tag": _TAG},
    ("Ecs", "RemoveTags"): lambda r: {
        "ResourceType": "eni",
        "ResourceId": r.eni,
        "Tag": [{"Key": "tier", "Value": "web"}],
    },
    ("Ecs", "DescribeTags"): lambda r: {},
    ("Ecs", "TagResources"): lambda r: {
        "ResourceType": "eni",
        "ResourceId": [r.eni, r.spare],
        "Tag": _TAG,
    },
    ("Ecs", "UntagResources"): lambda r: {
        "ResourceType": "eni",
        "ResourceId": [r.eni],
        "TagKey": ["tier"],
    },
    ("Ecs", "ListTagResources"): lambda r: {"ResourceType": "eni", "ResourceId": [r.eni, r.spare]},
    ("Vpc", "TagResources"): lambda r: {
        "ResourceType": "VSWITCH",
        "ResourceId": [r.vsw],
        "Tag": _TAG,
    },
    ("Vpc", "UnTagResources"): lambda r: {
        "ResourceType": "VPC",
        "ResourceId": [r.vpc_id],
        "TagKey": ["team"],
    },
    ("Vpc", "ListTagResources"): lambda r: {"ResourceType": "VSWITCH", "ResourceId": [r.vsw]},
    # EIPs
    ("Vpc", "AllocateEipAddress"): lambda r: {"Bandwidth": "10", "Name": "new", "Tag": _TAG},
    ("Vpc", "AssociateEipAddress"): lambda r: {
        "AllocationId": r.spare_eip,
        "InstanceType": "NetworkInterface",
        "InstanceId": r.spare,
    },
    ("Vpc", "UnassociateEipAddress"): lambda r: {
        "AllocationId": r.eip,
        "InstanceType": "NetworkInterface",
        "InstanceId": r.eni,
    },
    ("Vpc", "ModifyEipAddressAttribute"): lambda r: {"AllocationId": r.eip, "Name": "renamed"},
    ("Vpc", "ReleaseEipAddress"): lambda r: {"AllocationId": r.spare_eip},
    ("Vpc", "DescribeEipAddresses"): lambda r: {},
    # VPCs, vSwitches, CIDR reservations
    ("Vpc", "CreateVpc"): lambda r: {
        "CidrBlock": "10.0.0.0/8",
        "EnableIpv6": True,
        "VpcName": "another",
        "Description": "a second VPC",
        "Tag": _TAG,
    },
    ("Vpc", "DeleteVpc"): lambda r: {"VpcId": r.empty_vpc()},
    ("Vpc", "CreateVSwitch"): lambda r: {
        "VpcId": r.vpc_id,
        "CidrBlock": "172.16.1.0/24",
        "ZoneId": r.fake.default_vswitch.zone_id,
        "VSwitchName": "another",
        "Tag": _TAG,
    },
    ("Vpc", "DeleteVSwitch"): lambda r: {"VSwitchId": r.empty_vswitch()},
    ("Vpc", "ModifyVSwitchAttribute"): lambda r: {"VSwitchId": r.vsw, "VSwitchName": "renamed"},
    ("Vpc", "CreateVSwitchCidrReservation"): lambda r: {
        "VSwitchId": r.vsw,
        "VSwitchCidrReservationCidr": "172.16.0.64/26",
    },
    ("Vpc", "DeleteVSwitchCidrReservation"): lambda r: {"VSwitchCidrReservationId": r.reservation},
    ("Vpc", "ListVSwitchCidrReservations"): lambda r: {"VSwitchId": r.vsw},
}
"""The request of each action in the rich state (wire names, tree values)."""

SERVED = sorted((p.name, action) for p in PRODUCTS.values() for action in p.operations)


def _raw(fake: FakeEcs, tea: TeaDriver, product: str, action: str) -> Any:
    rich = Rich(fake, tea)
    request = CALLS[product, action](rich)
    (ecs if product == "Ecs" else vpc)(tea, action, **request)
    call = fake.calls[-1]
    assert (call.action, call.error_code) == (action, None)
    return call.response


def _model(product: str, action: str) -> type:
    return getattr(importlib.import_module(PACKAGES[product]), f"{action}ResponseBody")  # type: ignore[no-any-return]


@pytest.mark.parametrize(("product", "action"), SERVED, ids=[a for _, a in SERVED])
def test_the_model_reads_every_key_sent(fake_ecs: FakeEcs, product: str, action: str) -> None:
    if (product, action) not in CALLS:
        pytest.skip(f"{action} has no rich-state call in tests/test_response_keys.py CALLS yet")
    raw = _raw(fake_ecs, TeaDriver(), product, action)
    lost = sorted(set(dropped(raw, schema(_model(product, action)))))
    assert not lost, f"{action} sends keys its Tea model drops: {lost}"


def documented_unsent() -> dict[str, set[str]]:
    """docs/response-fields.md's table: action -> the model keys it says the fake never sends
    (``Action (Vpc)``: on that product only, for an action both products serve)."""
    table: dict[str, set[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\| (\w+(?: \((?:Ecs|Vpc)\))?) \| `([^`]+)` \| .+ \|", line)
        if match:
            table.setdefault(match[1], set()).add(match[2])
    return table


@pytest.mark.parametrize(("product", "action"), SERVED, ids=[a for _, a in SERVED])
def test_unsent_model_keys_are_documented(fake_ecs: FakeEcs, product: str, action: str) -> None:
    if (product, action) not in CALLS:
        pytest.skip(f"{action} has no rich-state call in tests/test_response_keys.py CALLS yet")
    raw = _raw(fake_ecs, TeaDriver(), product, action)
    never = set(unsent(raw, schema(_model(product, action))))
    table = documented_unsent()
    documented = table.get(f"{action} ({product})", table.get(action, set()))
    assert sorted(never - documented) == [], f"{action}: unsent keys missing from {DOC.name}"
    assert sorted(documented - never) == [], f"{action}: {DOC.name} lists keys the fake sends"


def test_the_schema_is_read_from_the_model() -> None:
    """Proof the walk can fail: the model of the Attribute call reads no PrivateDnsName."""
    keys = schema(_model("Ecs", "DescribeNetworkInterfaceAttribute"))
    entry = _nested(keys["PrivateIpSets"])
    assert entry is not None
    item = _nested(entry["PrivateIpSet"])
    assert item is not None and "PrivateIpAddress" in item and "PrivateDnsName" not in item
    bad = {"PrivateIpSets": {"PrivateIpSet": [{"PrivateIpAddress": "x", "PrivateDnsName": ""}]}}
    assert list(dropped(bad, keys)) == ["PrivateIpSets.PrivateIpSet[].PrivateDnsName"]
