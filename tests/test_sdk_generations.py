"""The Tea SDK's ``*_async`` calls through aiohttp, with whichever Tea generation is installed.

``tests/test_async.py`` is written against the darabonba generation's own names
(``alibabacloud_tea_openapi.exceptions``, ``darabonba.exceptions``); these tests read the
SDK through ``tests.drivers.tea_errors`` so that ``tox -e lowest`` (the Tea SDK before
darabonba, ``alibabacloud-tea-openapi`` 0.3) drives the aiohttp transport too.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure, tea_errors, tea_failure


def _client(signature_algorithm: str | None) -> Any:
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config

    config = Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou")
    if signature_algorithm:
        config.signature_algorithm = signature_algorithm
    return Client(config)


def _create_async(fake: FakeEcs, signature_algorithm: str | None, **params: Any) -> Any:
    from alibabacloud_ecs20140526 import models

    params = {
        "RegionId": "cn-hangzhou",
        "VSwitchId": fake.default_vswitch.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
        **params,
    }
    request = models.CreateNetworkInterfaceRequest().from_map(params)

    async def call() -> Any:
        try:
            return await _client(signature_algorithm).create_network_interface_async(request)
        except tea_errors() as e:
            raise tea_failure(e) from e

    return asyncio.run(call())


@pytest.mark.parametrize("signature_algorithm", [None, "v2"], ids=["acs3", "v1"])
def test_async_create_goes_through_aiohttp(
    fake_ecs: FakeEcs, signature_algorithm: str | None
) -> None:
    body = _create_async(fake_ecs, signature_algorithm, SecondaryPrivateIpAddressCount=1).body
    eni = fake_ecs.assert_eni_created(network_interface_id=body.network_interface_id)
    assert len(eni.private_ip_addresses) == 2
    [call] = fake_ecs.assert_called("CreateNetworkInterface", times=1)
    assert call.dialect == ("rpc" if signature_algorithm else "acs3")
    assert call.request_id == body.request_id


@pytest.mark.parametrize("signature_algorithm", [None, "v2"], ids=["acs3", "v1"])
def test_async_error_answers_arrive_as_the_sdks_exception(
    fake_ecs: FakeEcs, signature_algorithm: str | None
) -> None:
    with pytest.raises(ApiFailure) as failure:
        _create_async(fake_ecs, signature_algorithm, VSwitchId="vsw-missing")
    assert (failure.value.code, failure.value.status) == ("InvalidVSwitchId.NotFound", 404)
    assert failure.value.request_id == fake_ecs.calls[-1].request_id
    assert fake_ecs.enis == []


def test_async_injected_error(fake_ecs: FakeEcs) -> None:
    fake_ecs.inject_error("CreateNetworkInterface", "Throttling")
    with pytest.raises(ApiFailure) as failure:
        _create_async(fake_ecs, None)
    assert failure.value.code == "Throttling"
    assert fake_ecs.calls[-1].injected
