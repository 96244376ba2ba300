"""A full CreateNetworkInterface response matches the spec's sample field by field (values aside)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import requests

from pytest_fake_eni import FakeEcs

SAMPLE = json.loads(
    (Path(__file__).parent / "data" / "CreateNetworkInterface.sample.json").read_text()
)
IPV6_CIDR = "2408:4005:3d8:3c00::/64"


def full_request(fake: FakeEcs) -> dict[str, Any]:
    """A request that fills every set of the response: IPv6, prefixes and tags."""
    fake.default_vswitch.enable_ipv6(IPV6_CIDR)
    return {
        "VSwitchId": fake.default_vswitch.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
        "NetworkInterfaceName": "my-eni-name",
        "Description": "testDescription",
        "Tag": [{"Key": "TestKey", "Value": "TestValue"}],
        "Ipv6AddressCount": 1,
        "Ipv4PrefixCount": 1,
        "Ipv6PrefixCount": 1,
    }


def same_shape(sample: Any, actual: Any, path: str = "") -> list[str]:
    """Where ``actual`` lacks a field of ``sample`` or has another type there."""
    if isinstance(sample, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        problems: list[str] = []
        for key, value in sample.items():
            if key not in actual:
                problems.append(f"{path}.{key}: missing")
            else:
                problems += same_shape(value, actual[key], f"{path}.{key}")
        return problems
    if isinstance(sample, list):
        if not isinstance(actual, list) or not actual:
            return [f"{path}: expected a non-empty list, got {actual!r}"]
        return [p for item in actual for p in same_shape(sample[0], item, f"{path}[]")]
    if type(sample) is not type(actual):
        return [f"{path}: expected {type(sample).__name__}, got {actual!r}"]
    return []


def test_json_body_has_the_sample_shape(fake_ecs: FakeEcs, sdk: Any) -> None:
    body = sdk.create_eni(**full_request(fake_ecs))
    assert same_shape(SAMPLE, body) == [], body
    assert set(body) == set(SAMPLE)
    fake_ecs.cloud.check_invariants()


def _xml_to_tree(element: ET.Element, sample: Any) -> Any:
    """Read XML text back into JSON types, guided by the sample's types."""
    if isinstance(sample, dict):
        out: dict[str, Any] = {}
        for key, value in sample.items():
            found = element.findall(key)
            if isinstance(value, list):
                out[key] = [_xml_to_tree(f, value[0]) for f in found]
            elif found:
                out[key] = _xml_to_tree(found[0], value)
        return out
    text = element.text or ""
    if isinstance(sample, bool):
        assert text in ("true", "false"), text
        return text == "true"
    if isinstance(sample, int):
        return int(text)
    return text


def test_xml_body_has_the_sample_shape(fake_ecs: FakeEcs) -> None:
    request = full_request(fake_ecs)
    params = {
        "Action": "CreateNetworkInterface", "Version": "2014-05-26", "Format": "XML",
        "RegionId": "cn-hangzhou", "VSwitchId": request["VSwitchId"],
        "SecurityGroupId": request["SecurityGroupId"], "NetworkInterfaceName": "my-eni-name",
        "Description": "testDescription", "Tag.1.Key": "TestKey", "Tag.1.Value": "TestValue",
        "Ipv6AddressCount": "1", "Ipv4PrefixCount": "1", "Ipv6PrefixCount": "1",
    }  # fmt: skip
    response = requests.get("https://ecs.aliyuncs.com/", params=params, timeout=5)
    assert response.status_code == 200, response.text
    root = ET.fromstring(response.content)
    assert root.tag == "CreateNetworkInterfaceResponse"
    tree = _xml_to_tree(root, SAMPLE)
    assert same_shape(SAMPLE, tree) == [], response.text
    eni = fake_ecs.enis[0]
    assert tree["Ipv6Sets"]["Ipv6Set"] == [{"Ipv6Address": eni.ipv6_addresses[0]}]
    assert tree["Ipv4PrefixSets"]["Ipv4PrefixSet"] == [{"Ipv4Prefix": eni.ipv4_prefixes[0]}]
    assert tree["Ipv6PrefixSets"]["Ipv6PrefixSet"] == [{"Ipv6Prefix": eni.ipv6_prefixes[0]}]
