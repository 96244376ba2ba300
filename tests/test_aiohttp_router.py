"""AiohttpRouter: aiohttp requests answered in-process, as the Tea SDK's async calls see them."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from alibabacloud_ecs20140526 import models as ecs_models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi import models as openapi_models
from alibabacloud_tea_openapi.exceptions import ClientException, ServerException
from darabonba.exceptions import RetryError, UnretryableException
from yarl import URL

from pytest_fake_eni.transport.aiohttp_router import AiohttpRouter
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse, TransportFault

JSON_TYPE = {"content-type": "application/json;charset=utf-8"}


class Recorder:
    """A handler that records requests and answers with a canned response (or fault)."""

    def __init__(self, response: HttpResponse | TransportFault) -> None:
        self.response = response
        self.requests: list[HttpRequest] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        if isinstance(self.response, TransportFault):
            raise self.response
        return self.response


def json_response(status: int, body: dict[str, Any], delay: float = 0.0) -> HttpResponse:
    return HttpResponse(status, dict(JSON_TYPE), json.dumps(body).encode(), delay=delay)


def is_aliyun(url: str) -> bool:
    return (URL(url).host or "").endswith(".aliyuncs.com")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder(
        json_response(200, {"RequestId": "A1", "NetworkInterfaceId": "eni-x", "Ipv6Sets": {}})
    )


@pytest.fixture
def router(recorder: Recorder) -> Iterator[AiohttpRouter]:
    router = AiohttpRouter(is_aliyun, recorder)
    router.start()
    yield router
    router.stop()


def sdk_client(signature_algorithm: str | None = None) -> Client:
    config = openapi_models.Config(
        access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou"
    )
    if signature_algorithm is not None:
        config.signature_algorithm = signature_algorithm
    return Client(config)


def create_request() -> ecs_models.CreateNetworkInterfaceRequest:
    return ecs_models.CreateNetworkInterfaceRequest(
        region_id="cn-hangzhou", v_switch_id="vsw-1", security_group_id="sg-1"
    )


def create_eni(signature_algorithm: str | None = None) -> Any:
    client = sdk_client(signature_algorithm)
    return asyncio.run(client.create_network_interface_async(create_request()))


# --- the Tea SDK's async path -------------------------------------------------------


@pytest.mark.parametrize("signature_algorithm", [None, "v2"])
def test_sdk_call_is_answered(
    router: AiohttpRouter, recorder: Recorder, signature_algorithm: str | None
) -> None:
    response = create_eni(signature_algorithm)

    assert response.status_code == 200
    assert response.body.request_id == "A1"
    assert response.body.network_interface_id == "eni-x"
    [request] = recorder.requests
    assert request.method == "POST"
    assert request.host == "ecs-cn-hangzhou.aliyuncs.com"
    assert request.headers["x-acs-action"] == "CreateNetworkInterface"
    assert request.headers["x-acs-version"] == "2014-05-26"
    query = URL(request.url).query
    assert query["VSwitchId"] == "vsw-1"
    assert query["SecurityGroupId"] == "sg-1"
    assert query["RegionId"] == "cn-hangzhou"
    if signature_algorithm == "v2":
        assert query["Action"] == "CreateNetworkInterface"
        assert query["Format"] == "json"
    else:
        assert "Action" not in query
        assert request.headers["authorization"].startswith("ACS3-HMAC-SHA256 ")
    assert request.body == b""


def test_sdk_client_error(router: AiohttpRouter, recorder: Recorder) -> None:
    recorder.response = json_response(
        403,
        {
            "RequestId": "A2",
            "HostId": "ecs-cn-hangzhou.aliyuncs.com",
            "Code": "InvalidVSwitchId.IpNotEnough",
            "Message": "The specified VSwitch has not enough IpAddress.",
        },
    )
    with pytest.raises(ClientException) as info:
        create_eni()
    assert info.value.code == "InvalidVSwitchId.IpNotEnough"
    assert info.value.status_code == 403
    assert info.value.request_id == "A2"


def test_sdk_server_error(router: AiohttpRouter, recorder: Recorder) -> None:
    recorder.response = json_response(
        500,
        {
            "RequestId": "A3",
            "HostId": "ecs-cn-hangzhou.aliyuncs.com",
            "Code": "InternalError",
            "Message": "The request processing has failed due to some unknown error.",
        },
    )
    with pytest.raises(ServerException) as info:
        create_eni()
    assert info.value.code == "InternalError"
    assert info.value.status_code == 500


def test_sdk_connection_fault(router: AiohttpRouter, recorder: Recorder) -> None:
    recorder.response = TransportFault("connection")
    with pytest.raises(UnretryableException) as info:
        create_eni()
    # darabonba wraps the aiohttp OSError in RetryError; no retries are configured.
    assert isinstance(info.value.inner_exception, RetryError)
    assert "Cannot connect to host ecs-cn-hangzhou.aliyuncs.com:443" in str(info.value)
    assert len(recorder.requests) == 1


def test_sdk_timeout_fault(router: AiohttpRouter, recorder: Recorder) -> None:
    recorder.response = TransportFault("timeout")
    with pytest.raises(UnretryableException) as info:
        create_eni()
    # darabonba only wraps IOError; asyncio.TimeoutError is one from Python 3.11 on.
    inner = RetryError if sys.version_info >= (3, 11) else aiohttp.ServerTimeoutError
    assert isinstance(info.value.inner_exception, inner)
    assert "Timeout on reading data from socket" in str(info.value)


def test_sdk_delay_is_honoured(router: AiohttpRouter, recorder: Recorder) -> None:
    recorder.response = json_response(200, {"RequestId": "A4"}, delay=0.05)
    started = time.monotonic()
    response = create_eni()
    assert time.monotonic() - started >= 0.05
    assert response.body.request_id == "A4"


# --- plain aiohttp ------------------------------------------------------------------


def test_client_response_behaves_like_aiohttps(recorder: Recorder) -> None:
    recorder.response = HttpResponse(
        201, {"content-type": "application/json", "x-extra": "1"}, b'{"a": [1, 2]}'
    )

    async def main() -> None:
        async with aiohttp.ClientSession(headers={"X-Default": "d"}) as session:
            async with session.post(
                "https://ecs.aliyuncs.com/path?z=0#frag",
                params={"q": "1 2"},
                data={"k": "v"},
                headers={"X-Req": "r"},
            ) as resp:
                assert isinstance(resp, aiohttp.ClientResponse)
                assert resp.status == 201
                assert resp.reason == "Created"
                assert resp.ok
                assert resp.headers["X-Extra"] == "1"
                assert resp.headers["Content-Length"] == "13"
                assert resp.content_type == "application/json"
                assert await resp.json() == {"a": [1, 2]}
                assert await resp.text() == '{"a": [1, 2]}'
                assert await resp.read() == b'{"a": [1, 2]}'
            resp = await session.get("https://ecs.aliyuncs.com/")
            assert await resp.content.read() == b'{"a": [1, 2]}'
            resp.release()

    with AiohttpRouter(is_aliyun, recorder):
        asyncio.run(main())

    post, get = recorder.requests
    assert post.method == "POST"
    assert post.url == "https://ecs.aliyuncs.com/path?z=0&q=1+2"
    assert post.headers["x-default"] == "d"
    assert post.headers["x-req"] == "r"
    assert post.headers["content-type"] == "application/x-www-form-urlencoded"
    assert post.body == b"k=v"
    assert get.method == "GET"
    assert get.body == b""


@pytest.mark.parametrize(
    ("kwargs", "body", "content_type"),
    [
        ({"data": b"\x00raw"}, b"\x00raw", "application/octet-stream"),
        ({"data": "h\u00e9"}, "h\u00e9".encode(), "text/plain; charset=utf-8"),
        ({"data": [("a", "1"), ("a", "2")]}, b"a=1&a=2", "application/x-www-form-urlencoded"),
        ({"json": {"k": [1]}}, b'{"k": [1]}', "application/json"),
        ({}, b"", "application/octet-stream"),
    ],
)
def test_request_bodies(kwargs: dict[str, Any], body: bytes, content_type: str) -> None:
    recorder = Recorder(HttpResponse(200, {}, b""))

    async def main() -> None:
        async with (
            aiohttp.ClientSession() as session,
            session.put("http://ecs.aliyuncs.com/", **kwargs) as resp,
        ):
            await resp.read()

    with AiohttpRouter(is_aliyun, recorder):
        asyncio.run(main())

    [request] = recorder.requests
    assert request.method == "PUT"
    assert request.body == body
    assert request.headers["content-type"] == content_type
    assert request.headers["content-length"] == str(len(body))


def test_session_raise_for_status(recorder: Recorder) -> None:
    recorder.response = json_response(404, {"Code": "NotFound"})

    async def main() -> None:
        async with aiohttp.ClientSession(raise_for_status=True) as session:
            with pytest.raises(aiohttp.ClientResponseError) as info:
                await session.get("https://ecs.aliyuncs.com/")
            assert info.value.status == 404
            async with session.get("https://ecs.aliyuncs.com/", raise_for_status=False) as resp:
                assert resp.status == 404

    with AiohttpRouter(is_aliyun, recorder):
        asyncio.run(main())


def test_faults_become_aiohttp_errors(recorder: Recorder) -> None:
    async def fetch() -> None:
        async with (
            aiohttp.ClientSession() as session,
            session.get("https://ecs.aliyuncs.com/") as resp,
        ):
            await resp.read()

    with AiohttpRouter(is_aliyun, recorder):
        recorder.response = TransportFault("connection")
        with pytest.raises(aiohttp.ClientConnectorError) as connection:
            asyncio.run(fetch())
        assert isinstance(connection.value, OSError)
        assert connection.value.host == "ecs.aliyuncs.com"
        assert connection.value.port == 443

        recorder.response = TransportFault("timeout")
        with pytest.raises(aiohttp.ServerTimeoutError) as timeout:
            asyncio.run(fetch())
        assert isinstance(timeout.value, asyncio.TimeoutError)


def test_non_matching_url_reaches_the_network(recorder: Recorder) -> None:
    async def main() -> tuple[int, str]:
        async def hello(request: web.Request) -> web.Response:
            return web.Response(text=f"real {request.query.get('x')}")

        app = web.Application()
        app.router.add_get("/", hello)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        try:
            port = runner.addresses[0][1]
            async with (
                aiohttp.ClientSession() as session,
                session.get(f"http://127.0.0.1:{port}/", params={"x": "1"}) as resp,
            ):
                return resp.status, await resp.text()
        finally:
            await runner.cleanup()

    with AiohttpRouter(is_aliyun, recorder):
        assert asyncio.run(main()) == (200, "real 1")
    assert recorder.requests == []


def test_stop_restores_the_original() -> None:
    original = aiohttp.ClientSession._request
    first = AiohttpRouter(is_aliyun, Recorder(HttpResponse(200, {}, b"first")))
    second = AiohttpRouter(lambda url: "second" in url, Recorder(HttpResponse(200, {}, b"2nd")))

    first.start()
    assert aiohttp.ClientSession._request is not original
    with pytest.raises(RuntimeError, match="already started"):
        first.start()

    second.start()
    with pytest.raises(RuntimeError, match="reverse order"):
        first.stop()

    async def fetch(url: str) -> bytes:
        async with aiohttp.ClientSession() as session, session.get(url) as resp:
            return await resp.read()

    assert asyncio.run(fetch("https://ecs.aliyuncs.com/second")) == b"2nd"
    assert asyncio.run(fetch("https://ecs.aliyuncs.com/")) == b"first"

    second.stop()
    first.stop()
    assert aiohttp.ClientSession._request is original
    first.stop()  # stopping a stopped router does nothing
    assert aiohttp.ClientSession._request is original
