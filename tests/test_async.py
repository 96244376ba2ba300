"""The Tea SDK's ``*_async`` methods, answered in-process by ``fake_ecs`` through aiohttp."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest
from alibabacloud_ecs20140526 import models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException, ServerException
from alibabacloud_tea_openapi.models import Config
from darabonba.exceptions import UnretryableException

from pytest_fake_eni import FakeEcs


def client(signature_algorithm: str | None = None) -> Client:
    config = Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou")
    if signature_algorithm:
        config.signature_algorithm = signature_algorithm
    return Client(config)


def request(fake: FakeEcs, **extra: Any) -> models.CreateNetworkInterfaceRequest:
    return models.CreateNetworkInterfaceRequest(
        region_id="cn-hangzhou",
        v_switch_id=fake.default_vswitch.vswitch_id,
        security_group_id=fake.default_security_group.security_group_id,
        **extra,
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("signature_algorithm", [None, "v2"], ids=["acs3", "v1"])
async def test_create_async(fake_ecs: FakeEcs, signature_algorithm: str | None) -> None:
    response = await client(signature_algorithm).create_network_interface_async(
        request(fake_ecs, secondary_private_ip_address_count=2, network_interface_name="a1")
    )
    body = response.body
    eni = fake_ecs.assert_eni_created(network_interface_id=body.network_interface_id, name="a1")
    assert [s.private_ip_address for s in body.private_ip_sets.private_ip_set] == (
        eni.private_ip_addresses
    )
    assert len(set(eni.private_ip_addresses)) == 3
    [call] = fake_ecs.assert_called("CreateNetworkInterface", times=1)
    assert call.dialect == ("rpc" if signature_algorithm else "acs3")
    assert call.request_id == body.request_id


@pytest.mark.asyncio
async def test_concurrent_async_calls_get_distinct_addresses(fake_ecs: FakeEcs) -> None:
    sdk = client()
    responses = await asyncio.gather(
        *(sdk.create_network_interface_async(request(fake_ecs)) for _ in range(10))
    )
    addresses = [r.body.private_ip_address for r in responses]
    assert len(set(addresses)) == 10
    assert {e.primary_ip_address for e in fake_ecs.enis} == set(addresses)
    fake_ecs.cloud.check_invariants()


@pytest.mark.asyncio
async def test_documented_error_through_async(fake_ecs: FakeEcs) -> None:
    with pytest.raises(ClientException) as failure:
        await client().create_network_interface_async(
            models.CreateNetworkInterfaceRequest(
                region_id="cn-hangzhou",
                v_switch_id="vsw-missing",
                security_group_id=fake_ecs.default_security_group.security_group_id,
            )
        )
    assert failure.value.code == "InvalidVSwitchId.NotFound"
    assert failure.value.status_code == 404
    assert failure.value.request_id == fake_ecs.calls[-1].request_id
    fake_ecs.assert_no_eni_created()


@pytest.mark.asyncio
async def test_quota_error_through_async(fake_ecs: FakeEcs) -> None:
    fake_ecs.quotas.max_enis_per_region = 1
    sdk = client("v2")
    await sdk.create_network_interface_async(request(fake_ecs))
    with pytest.raises(ClientException) as failure:
        await sdk.create_network_interface_async(request(fake_ecs))
    assert (failure.value.code, failure.value.status_code) == ("MaxEniCountExceeded", 403)
    assert len(fake_ecs.enis) == 1


@pytest.mark.asyncio
async def test_other_aiohttp_hosts_pass_through(fake_ecs: FakeEcs) -> None:
    # Nothing listens on this port: the request reaches the network and fails there.
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.get("http://127.0.0.1:9/")
    assert fake_ecs.calls == []


def test_aiohttp_is_released_at_stop() -> None:
    before = aiohttp.ClientSession._request
    with FakeEcs():
        assert aiohttp.ClientSession._request is not before
    assert aiohttp.ClientSession._request is before


# --- injected faults, in-process ----------------------------------------------------


@pytest.mark.asyncio
async def test_injected_error_through_async(fake_ecs: FakeEcs) -> None:
    rule = fake_ecs.inject_error("CreateNetworkInterface", "Throttling", times=1)
    sdk = client()
    with pytest.raises(ClientException) as failure:
        await sdk.create_network_interface_async(request(fake_ecs))
    assert failure.value.code == "Throttling"
    assert failure.value.status_code == 400
    assert rule.hits == 1 and fake_ecs.calls[-1].injected
    await sdk.create_network_interface_async(request(fake_ecs))  # times=1: used up
    assert len(fake_ecs.enis) == 1


@pytest.mark.asyncio
async def test_injected_server_error_after_effect_through_async(fake_ecs: FakeEcs) -> None:
    fake_ecs.inject_error("CreateNetworkInterface", "InternalError", after_effect=True)
    with pytest.raises(ServerException) as failure:
        await client("v2").create_network_interface_async(request(fake_ecs))
    assert (failure.value.code, failure.value.status_code) == ("InternalError", 500)
    assert len(fake_ecs.enis) == 1  # the lost-response case: it happened anyway


@pytest.mark.asyncio
async def test_injected_latency_delays_only_its_caller(fake_ecs: FakeEcs) -> None:
    fake_ecs.inject_latency("CreateNetworkInterface", 1.0, times=1)
    sdk = client()
    order: list[str] = []

    async def create(label: str) -> None:
        await sdk.create_network_interface_async(request(fake_ecs, network_interface_name=label))
        order.append(label)

    # The slow call starts first; the event loop is not blocked, so the fast one wins.
    await asyncio.gather(create("slow"), create("fast"))
    assert order == ["fast", "slow"]
    assert {c.params["NetworkInterfaceName"] for c in fake_ecs.calls} == {"slow", "fast"}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("kind", "says"),
    [("connection", "Cannot connect to host"), ("timeout", "Timeout on reading data")],
)
async def test_injected_transport_error_through_async(
    fake_ecs: FakeEcs, kind: str, says: str
) -> None:
    fake_ecs.inject_transport_error("CreateNetworkInterface", kind)
    with pytest.raises(UnretryableException) as failure:
        await client().create_network_interface_async(request(fake_ecs))
    assert says in str(failure.value)
    fake_ecs.assert_no_eni_created()


def test_stop_releases_requests_even_when_aiohttp_was_patched_after() -> None:
    import requests

    from pytest_fake_eni.transport.aiohttp_router import AiohttpRouter

    send, request = requests.adapters.HTTPAdapter.send, aiohttp.ClientSession._request
    fake = FakeEcs().start()
    later = AiohttpRouter(lambda url: False, fake.handle)
    later.start()  # another aiohttp patch, started after the fake's and not stopped first
    with pytest.raises(RuntimeError, match="reverse order"):
        fake.stop()
    assert requests.adapters.HTTPAdapter.send is send  # requests is released all the same
    later.stop()
    fake.stop()  # the refused router stayed: now it stops
    assert aiohttp.ClientSession._request is request
