"""No request to an ``*.aliyuncs.com`` host leaves the process while the fake is active.

A socket guard (an audit hook: it sees every ``getaddrinfo`` and ``connect``, from any
library and thread) records network use and refuses any lookup of an Alibaba Cloud
host, so even a failing test sends nothing out.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs
from tests.drivers import DRIVERS

_recorders: list[list[tuple[str, str]]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _recorders or event not in ("socket.getaddrinfo", "socket.connect"):
        return
    target = args[0] if event == "socket.getaddrinfo" else args[1]
    host = str(target[0] if isinstance(target, tuple) else target)
    _recorders[-1].append((event, host))
    if host.lower().rstrip(".").endswith("aliyuncs.com"):
        raise ConnectionRefusedError(f"egress guard: {host} must not be reached from a test")


sys.addaudithook(_audit)  # hooks cannot be removed: it acts only while a guard records


@pytest.fixture
def egress() -> Iterator[list[tuple[str, str]]]:
    """Every lookup and connection made while the test runs: (event, host)."""
    seen: list[tuple[str, str]] = []
    _recorders.append(seen)
    try:
        yield seen
    finally:
        _recorders.remove(seen)


def params(fake: FakeEcs) -> dict[str, Any]:
    return {"VSwitchId": fake.default_vswitch.vswitch_id,
            "SecurityGroupId": fake.default_security_group.security_group_id}  # fmt: skip


def test_the_guard_sees_and_stops_a_real_request(egress: list[tuple[str, str]]) -> None:
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get("https://ecs-cn-hangzhou.aliyuncs.com/?Action=X", timeout=5)
    assert ("socket.getaddrinfo", "ecs-cn-hangzhou.aliyuncs.com") in egress


@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_sdks_stay_in_process(fake_ecs: FakeEcs, egress: list[tuple[str, str]], name: str) -> None:
    body = DRIVERS[name]().create_eni(**params(fake_ecs))
    fake_ecs.assert_eni_created(network_interface_id=body["NetworkInterfaceId"])
    assert egress == []


@pytest.mark.parametrize("url", ["https://ecs.aliyuncs.com/", "http://ecs.cn-beijing.aliyuncs.com:80/",
                                 "https://ecs-vpc.cn-hangzhou.aliyuncs.com/"])  # fmt: skip
def test_plain_requests_stay_in_process(
    fake_ecs: FakeEcs, egress: list[tuple[str, str]], url: str
) -> None:
    query = {"Action": "CreateNetworkInterface", "Version": "2014-05-26", "Format": "JSON",
             "RegionId": "cn-hangzhou", **params(fake_ecs)}  # fmt: skip
    assert requests.post(url, params=query, timeout=5).status_code == 200
    unknown = {"Action": "Nope", "Version": "2014-05-26"}
    assert requests.get(url, params=unknown, timeout=5).status_code == 404
    assert egress == []


def _aiohttp_claimed() -> bool:
    aiohttp = pytest.importorskip("aiohttp")
    before = aiohttp.ClientSession.__dict__.get("_request")
    with FakeEcs():
        return aiohttp.ClientSession.__dict__.get("_request") is not before


def test_aiohttp_stays_in_process_when_the_fake_claims_it(
    fake_ecs: FakeEcs, egress: list[tuple[str, str]]
) -> None:
    if not _aiohttp_claimed():
        pytest.skip("FakeEcs.start() does not route aiohttp on this version")
    from alibabacloud_ecs20140526 import models
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config

    client = Client(Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou"))
    request = models.CreateNetworkInterfaceRequest(
        region_id="cn-hangzhou", v_switch_id=fake_ecs.default_vswitch.vswitch_id,
        security_group_id=fake_ecs.default_security_group.security_group_id,
    )  # fmt: skip
    body = asyncio.run(client.create_network_interface_async(request)).body
    fake_ecs.assert_eni_created(network_interface_id=body.network_interface_id)
    assert egress == []
