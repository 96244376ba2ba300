"""The live dashboard's data (read-only admin endpoints) and files, over real HTTP.

State is made through the real SDKs: the ENIs through a ``fake_ecs_server`` or in-process,
``DescribeVSwitches`` through the VPC SDK in-process (the same fake answers both).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs, FakeEcsServer
from pytest_fake_eni.testing import dashboard
from tests.drivers import ApiFailure, server_driver
from tests.lifecycle_drivers import ecs, vpc
from tests.test_create import _defaults

UI = Path(dashboard.__file__).parent / "ui"


def _get(server: FakeEcsServer, path: str) -> Any:
    answer = requests.get(server.url + "/_fake/" + path, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _map(server: FakeEcsServer, vswitch_id: str) -> dict[str, Any]:
    [found] = [m for m in _get(server, "occupancy") if m["vswitch_id"] == vswitch_id]
    return found


def _available(sdk: Any, vswitch_id: str) -> int:
    [item] = vpc(sdk, "DescribeVSwitches", VSwitchId=vswitch_id)["VSwitches"]["VSwitch"]
    return int(item["AvailableIpAddressCount"])


# --- the address map ----------------------------------------------------------------


def test_a_24_is_mapped_address_by_address(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, sdk: Any
) -> None:
    vsw_id = fake_ecs.default_vswitch.vswitch_id
    one = sdk.create_eni(**_defaults(fake_ecs, SecondaryPrivateIpAddressCount=2))
    two = sdk.create_eni(**_defaults(fake_ecs, Ipv4PrefixCount=2))
    with pytest.raises(ApiFailure):
        sdk.create_eni(**_defaults(fake_ecs, VSwitchId="vsw-nope"))
    found = _map(fake_ecs_server, vsw_id)
    assert (found["cidr_block"], found["cell_size"], found["size"]) == ("172.16.0.0/24", 1, 256)
    cells = {c["first"]: c for c in found["cells"]}
    assert len(cells) == 256 and all(c["size"] == 1 for c in cells.values())
    assert sorted(a for a, c in cells.items() if c["state"] == "reserved") == [
        "172.16.0.0", "172.16.0.253", "172.16.0.254", "172.16.0.255"
    ]  # fmt: skip
    expected: dict[str, tuple[str, str, bool]] = {}
    for body in (one, two):
        eni = fake_ecs.assert_eni_created(network_interface_id=body["NetworkInterfaceId"])
        for i, address in enumerate(eni.private_ip_addresses):
            expected[address] = ("held", eni.network_interface_id, i == 0)
        for prefix in eni.ipv4_prefixes:
            base = prefix.rsplit(".", 1)[0]
            first = int(prefix.split("/")[0].rsplit(".", 1)[1])
            for last in range(first, first + 16):
                expected[f"{base}.{last}"] = ("prefix", eni.network_interface_id, False)
    shown = {
        a: (c["state"], c["enis"][0], c["primary"])
        for a, c in cells.items()
        if c["state"] in ("held", "prefix")
    }
    assert shown == expected and len(expected) == 3 + 1 + 32
    free = sum(c["free"] for c in cells.values())
    assert free == found["available_ip_count"] == _available(sdk, vsw_id) == 252 - 36
    assert found["taken"] == 36 and found["usable"] == 252


def test_a_16_is_drawn_as_256_cells_of_a_24(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, sdk: Any
) -> None:
    big = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.17.0.0/16")
    held = sdk.create_eni(
        **_defaults(fake_ecs, VSwitchId=big.vswitch_id, SecondaryPrivateIpAddressCount=9)
    )
    prefixed = sdk.create_eni(**_defaults(fake_ecs, VSwitchId=big.vswitch_id, Ipv4PrefixCount=3))
    found = _map(fake_ecs_server, big.vswitch_id)
    assert (found["cell_size"], found["size"], len(found["cells"])) == (256, 65536, 256)
    first, last = found["cells"][0], found["cells"][-1]
    assert first["first"] == "172.17.0.0" and last["first"] == "172.17.255.0"
    assert (first["reserved"], first["held"], first["prefix"]) == (1, 10 + 1, 0)
    assert first["enis"] == [held["NetworkInterfaceId"], prefixed["NetworkInterfaceId"]]
    assert (last["reserved"], last["prefix"], last["enis"]) == (
        3,
        48,
        [prefixed["NetworkInterfaceId"]],
    )
    assert all(set(c) == set(first) for c in found["cells"])
    middle = found["cells"][1:-1]
    assert all(c["free"] == 256 and c["enis"] == [] for c in middle)
    free = sum(c["free"] for c in found["cells"])
    assert free == found["available_ip_count"] == _available(sdk, big.vswitch_id) == 65532 - 11 - 48


def test_a_capped_vswitch_and_ipv6_are_described(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, sdk: Any
) -> None:
    vsw = fake_ecs.add_vswitch(
        fake_ecs.default_vpc.vpc_id, "172.16.4.0/29", available_ip_count=2,
        ipv6_cidr_block="2408:4005:3d8:3c00::/64",
    )  # fmt: skip
    body = sdk.create_eni(**_defaults(fake_ecs, VSwitchId=vsw.vswitch_id, Ipv6AddressCount=2))
    found = _map(fake_ecs_server, vsw.vswitch_id)
    assert found["cell_size"] == 1 and len(found["cells"]) == 8
    assert found["available_ip_count"] == 1 == _available(sdk, vsw.vswitch_id)
    assert sum(c["free"] for c in found["cells"]) == 3  # free in the CIDR; the cap allows 1
    assert found["ipv6"] == {
        "cidr_block": "2408:4005:3d8:3c00::/64", "addresses": 2, "prefixes": 0,
        "enis": [body["NetworkInterfaceId"]],
    }  # fmt: skip


# --- calls, instances, vSwitches -------------------------------------------------------


def test_calls_filtered_by_action_and_error(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    sdk = server_driver("legacy", fake_ecs_server.endpoint)
    sdk.create_eni(**_defaults(fake_ecs))
    fake_ecs.inject_error("CreateNetworkInterface", "Throttling")
    for changes in ({}, {"VSwitchId": "vsw-nope"}):
        with pytest.raises(ApiFailure):
            sdk.create_eni(**_defaults(fake_ecs, **changes))
    instance = fake_ecs.add_instance()
    ecs(sdk, "DescribeNetworkInterfaces", InstanceId=instance.instance_id)

    def indexes(query: str) -> list[int]:
        return [c["index"] for c in _get(fake_ecs_server, "calls?" + query)]

    assert indexes("") == [0, 1, 2, 3]
    assert indexes("error=any") == [1, 2]
    assert indexes("error=none") == [0, 3]
    assert indexes("error=Throttling") == [1]
    assert indexes("action=DescribeNetworkInterfaces") == [3]
    assert indexes("action=CreateNetworkInterface&error=none") == [0]
    assert indexes("limit=2") == [2, 3] and indexes("limit=0") == []
    [injected] = _get(fake_ecs_server, "calls?error=Throttling")
    assert injected["injected"] is True and injected["dialect"] == "rpc"
    assert _get(fake_ecs_server, "calls/summary") == {
        "total": 4, "errors": 2, "injected": 1,
        "actions": {"CreateNetworkInterface": 3, "DescribeNetworkInterfaces": 1},
        "codes": {"InvalidVSwitchId.NotFound": 1, "Throttling": 1},
    }  # fmt: skip


def test_instances_and_vswitches_are_listed(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    instance = fake_ecs.add_instance(max_enis=4)
    sdk = server_driver("tea-acs3", fake_ecs_server.endpoint)
    eni_id = sdk.create_eni(**_defaults(fake_ecs))["NetworkInterfaceId"]
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    [listed] = _get(fake_ecs_server, "instances")
    assert listed["instance_id"] == instance.instance_id and listed["max_enis"] == 4
    assert listed["eni_ids"] == [instance.primary_eni_id, eni_id]
    [eni] = [e for e in _get(fake_ecs_server, "enis") if e["network_interface_id"] == eni_id]
    assert eni["instance_id"] == instance.instance_id and eni["status"] == "InUse"
    [vsw] = _get(fake_ecs_server, "vswitches")
    assert vsw["vswitch_id"] == fake_ecs.default_vswitch.vswitch_id
    assert vsw["available_ip_count"] == 250


# --- the page and its files -------------------------------------------------------------


def test_the_page_and_its_files_are_served_read_only(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    assert fake_ecs_server.ui_url == fake_ecs_server.url + "/_fake/ui"
    page = requests.get(fake_ecs_server.ui_url, timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    linked = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sorted(linked) == [
        "/_fake/ui/dashboard.css",
        "/_fake/ui/dashboard.js",
        "/_fake/ui/favicon.svg",
    ]
    for path, kind in [("dashboard.js", "text/javascript"), ("dashboard.css", "text/css"),
                       ("favicon.svg", "image/svg+xml")]:  # fmt: skip
        answer = requests.get(fake_ecs_server.ui_url + "/" + path, timeout=10)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(kind)
        assert answer.content == (UI / path).read_bytes()
    refused = requests.post(fake_ecs_server.ui_url, timeout=10)
    assert refused.status_code == 405 and "takes ['GET']" in refused.json()["error"]
    assert fake_ecs.calls == []


def test_the_script_never_parses_data_as_html_and_only_reads() -> None:
    script = (UI / "dashboard.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "javascript:", "setAttribute(\"style", "method:"):  # fmt: skip
        assert sink not in script, sink
    paths = re.findall(r'get\("([^"?]+)', script)  # every request goes through get(), a GET
    assert sorted(set(paths)) == ["calls", "calls/summary", "enis", "faults", "instances",
                                  "occupancy", "state"]  # fmt: skip
    assert script.count("fetch(") == 1


def test_the_docs_show_the_screenshot() -> None:
    root = Path(__file__).parent.parent
    png = (root / "docs" / "img" / "dashboard.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "](img/dashboard.png)" in (root / "docs" / "dashboard.md").read_text(encoding="utf-8")
    assert "](docs/img/dashboard.png)" in (root / "README.md").read_text(encoding="utf-8")
