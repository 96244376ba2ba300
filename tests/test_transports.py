"""One host table for every transport: each served product answered on each transport,
nothing escaping; any number of fakes joining and leaving the one interception."""

from __future__ import annotations

import asyncio
import importlib
import json
from collections.abc import Callable
from typing import Any

import pytest
import requests
import responses

from pytest_fake_eni import FakeEcs, FakeEcsServer

ACTION_OF = {"Ecs": "DescribeNetworkInterfaces", "Vpc": "DescribeVSwitches"}


def _tea_client(product: str, endpoint: str | None = None) -> Any:
    from alibabacloud_tea_openapi.models import Config

    package = "alibabacloud_ecs20140526" if product == "Ecs" else "alibabacloud_vpc20160428"
    config = Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou")
    if endpoint:
        config.endpoint, config.protocol = endpoint, "http"
    return importlib.import_module(f"{package}.client").Client(config), importlib.import_module(
        f"{package}.models"
    )


def tea_sync(product: str, endpoint: str | None) -> dict[str, Any]:
    client, models = _tea_client(product, endpoint)
    if product == "Ecs":
        request = models.DescribeNetworkInterfacesRequest(region_id="cn-hangzhou")
        return dict(client.describe_network_interfaces(request).body.to_map())
    request = models.DescribeVSwitchesRequest(region_id="cn-hangzhou")
    return dict(client.describe_vswitches(request).body.to_map())


def tea_async(product: str, endpoint: str | None) -> dict[str, Any]:
    client, models = _tea_client(product, endpoint)

    async def run() -> Any:
        if product == "Ecs":
            request = models.DescribeNetworkInterfacesRequest(region_id="cn-hangzhou")
            return await client.describe_network_interfaces_async(request)
        request = models.DescribeVSwitchesRequest(region_id="cn-hangzhou")
        return await client.describe_vswitches_async(request)

    return dict(asyncio.run(run()).body.to_map())


def legacy(product: str, endpoint: str | None) -> dict[str, Any]:
    from aliyunsdkcore.client import AcsClient

    if product == "Ecs":
        from aliyunsdkecs.request.v20140526.DescribeNetworkInterfacesRequest import (
            DescribeNetworkInterfacesRequest as Request,
        )
    else:
        from aliyunsdkvpc.request.v20160428.DescribeVSwitchesRequest import (
            DescribeVSwitchesRequest as Request,
        )
    request = Request()
    if endpoint:
        request.set_endpoint(endpoint)
        request.set_protocol_type("http")
    client = AcsClient("ak", "sk", "cn-hangzhou", auto_retry=False)
    return dict(json.loads(client.do_action_with_exception(request)))


TRANSPORTS: dict[str, Callable[[str, str | None], dict[str, Any]]] = {
    "requests (Tea)": tea_sync,
    "aiohttp (Tea async)": tea_async,
    "vendored requests (legacy)": legacy,
}


def _answered(body: dict[str, Any], product: str) -> None:
    assert body["RequestId"]
    key = "NetworkInterfaceSets" if product == "Ecs" else "VSwitches"
    assert key in body


@pytest.mark.parametrize("product", ["Ecs", "Vpc"])
@pytest.mark.parametrize("transport", sorted(TRANSPORTS))
def test_every_product_on_every_in_process_transport(
    fake_ecs: FakeEcs, egress: list[tuple[str, str]], product: str, transport: str
) -> None:
    _answered(TRANSPORTS[transport](product, None), product)
    call = fake_ecs.calls[-1]
    assert (call.action, call.status_code) == (ACTION_OF[product], 200)
    assert call.host.startswith("ecs" if product == "Ecs" else "vpc")
    assert not [host for _, host in egress if "aliyuncs" in host]  # nothing left the process


@pytest.mark.parametrize("product", ["Ecs", "Vpc"])
@pytest.mark.parametrize("transport", sorted(TRANSPORTS))
def test_every_product_through_the_server(
    fake_ecs_server: FakeEcsServer, fake_ecs: FakeEcs, product: str, transport: str
) -> None:
    """The server's own endpoint names no product host: the Version decides the product."""
    _answered(TRANSPORTS[transport](product, fake_ecs_server.endpoint), product)
    assert fake_ecs.calls[-1].action == ACTION_OF[product]


@pytest.mark.parametrize(
    "url",
    [
        "https://ecs-cn-hangzhou.aliyuncs.com./?Action=DescribeNetworkInterfaces",
        "https://vpc.cn-hangzhou.aliyuncs.com./?Action=DescribeVSwitches",
        "http://ECS.AliyunCS.com.:80/?Action=DescribeNetworkInterfaces",
    ],
)
def test_a_fully_qualified_host_is_served(
    fake_ecs: FakeEcs, egress: list[tuple[str, str]], url: str
) -> None:
    version = "2016-04-28" if "vpc" in url else "2014-05-26"
    answer = requests.get(f"{url}&Version={version}&RegionId=cn-hangzhou&Format=JSON", timeout=5)
    assert answer.status_code == 200 and answer.json()["RequestId"]
    assert FakeEcs.intercepts(url)
    assert not [host for _, host in egress if "aliyuncs" in host]


def test_fakes_leave_in_any_order() -> None:
    send = requests.adapters.HTTPAdapter.send
    a, b = FakeEcs(seed=1), FakeEcs(seed=2)
    a.start()
    b.start()
    a.stop()  # out of order: b still answers
    tea_sync("Ecs", None)
    assert (len(a.calls), len(b.calls)) == (0, 1)
    a.start()  # a joins again: the newest answers
    tea_sync("Ecs", None)
    assert (len(a.calls), len(b.calls)) == (1, 1)
    b.stop()
    tea_sync("Ecs", None)
    assert (len(a.calls), len(b.calls)) == (2, 1)
    a.stop()
    assert requests.adapters.HTTPAdapter.send is send  # released: nothing patched
    assert not a.active and not b.active


def test_a_mock_started_after_the_fake_does_not_list_the_fakes_calls(fake_ecs: FakeEcs) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get("https://example.com/", body="mine")
        tea_sync("Ecs", None)
        assert requests.get("https://example.com/", timeout=5).text == "mine"
        assert [c.request.url for c in rsps.calls] == ["https://example.com/"]
    assert [c.action for c in fake_ecs.calls] == ["DescribeNetworkInterfaces"]
