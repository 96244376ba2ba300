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
    """An attached ENI with every kind of address and tags, and a spare ENI."""

    def __init__(self, fake: FakeEcs, tea: TeaDriver) -> None:
        fake.default_vswitch.enable_ipv6(IPV6)
        self.fake, self.tea = fake, tea
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

    def create(self, **params: Any) -> str:
        body = self.tea.create_eni(
            VSwitchId=self.fake.default_vswitch.vswitch_id,
            SecurityGroupId=self.fake.default_security_group.security_group_id,
            **params,
        )
        return str(body["NetworkInterfaceId"])


CALLS: dict[str, Callable[[Rich], dict[str, Any]]] = {
    "CreateNetworkInterface": lambda r: {
        "VSwitchId": r.fake.default_vswitch.vswitch_id,
        "SecurityGroupId": r.fake.default_security_group.security_group_id,
        "SecondaryPrivateIpAddressCount": 1,
        "Ipv6AddressCount": 1,
        "Ipv6PrefixCount": 1,
        "Tag": [{"Key": "k", "Value": "v"}],
        "NetworkInterfaceName": "another",
    },
    "DescribeNetworkInterfaces": lambda r: {"VpcId": r.fake.default_vpc.vpc_id},
    "DescribeNetworkInterfaceAttribute": lambda r: {"NetworkInterfaceId": r.eni},
    "DeleteNetworkInterface": lambda r: {"NetworkInterfaceId": r.spare},
    "AttachNetworkInterface": lambda r: {"NetworkInterfaceId": r.spare, "InstanceId": r.instance},
    "DetachNetworkInterface": lambda r: {"NetworkInterfaceId": r.eni, "InstanceId": r.instance},
    "AssignPrivateIpAddresses": lambda r: {
        "NetworkInterfaceId": r.eni,
        "SecondaryPrivateIpAddressCount": 1,
    },
    "UnassignPrivateIpAddresses": lambda r: {
        "NetworkInterfaceId": r.eni,
        "PrivateIpAddress": [r.secondary],
    },
    "ModifyNetworkInterfaceAttribute": lambda r: {
        "NetworkInterfaceId": r.eni,
        "Description": "changed",
    },
    "AssignIpv6Addresses": lambda r: {"NetworkInterfaceId": r.eni, "Ipv6AddressCount": 1},
    "UnassignIpv6Addresses": lambda r: {"NetworkInterfaceId": r.eni, "Ipv6Address": [r.ipv6]},
    "DescribeVSwitches": lambda r: {"VpcId": r.fake.default_vpc.vpc_id},
    "DescribeVpcs": lambda r: {},
}
"""The request of each action in the rich state (wire names, tree values)."""

SERVED = sorted((p.name, action) for p in PRODUCTS.values() for action in p.operations)


def _raw(fake: FakeEcs, tea: TeaDriver, product: str, action: str) -> Any:
    rich = Rich(fake, tea)
    request = CALLS[action](rich)
    (ecs if product == "Ecs" else vpc)(tea, action, **request)
    call = fake.calls[-1]
    assert (call.action, call.error_code) == (action, None)
    return call.response


def _model(product: str, action: str) -> type:
    return getattr(importlib.import_module(PACKAGES[product]), f"{action}ResponseBody")  # type: ignore[no-any-return]


@pytest.mark.parametrize(("product", "action"), SERVED, ids=[a for _, a in SERVED])
def test_the_model_reads_every_key_sent(fake_ecs: FakeEcs, product: str, action: str) -> None:
    if action not in CALLS:
        pytest.skip(f"{action} has no rich-state call in tests/test_response_keys.py CALLS yet")
    raw = _raw(fake_ecs, TeaDriver(), product, action)
    lost = sorted(set(dropped(raw, schema(_model(product, action)))))
    assert not lost, f"{action} sends keys its Tea model drops: {lost}"


def documented_unsent() -> dict[str, set[str]]:
    """docs/response-fields.md's table: action -> the model keys it says the fake never sends."""
    table: dict[str, set[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\| (\w+) \| `([^`]+)` \| .+ \|", line)
        if match:
            table.setdefault(match[1], set()).add(match[2])
    return table


@pytest.mark.parametrize(("product", "action"), SERVED, ids=[a for _, a in SERVED])
def test_unsent_model_keys_are_documented(fake_ecs: FakeEcs, product: str, action: str) -> None:
    if action not in CALLS:
        pytest.skip(f"{action} has no rich-state call in tests/test_response_keys.py CALLS yet")
    raw = _raw(fake_ecs, TeaDriver(), product, action)
    never = set(unsent(raw, schema(_model(product, action))))
    documented = documented_unsent().get(action, set())
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
