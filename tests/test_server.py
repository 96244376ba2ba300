"""Server mode: the real SDKs and plain HTTP against ``fake_ecs_server`` on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from typing import Any
from xml.etree import ElementTree

import pytest
import requests
from alibabacloud_ecs20140526 import models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config

from pytest_fake_eni import FakeEcs, FakeEcsServer
from tests.drivers import DRIVERS, ApiFailure, server_driver
from tests.test_create import _defaults


@pytest.fixture(params=sorted(DRIVERS))
def remote_sdk(request: pytest.FixtureRequest, fake_ecs_server: FakeEcsServer) -> Any:
    """Every real SDK and dialect, pointed at the server by endpoint override."""
    return server_driver(request.param, fake_ecs_server.endpoint)


def _rpc_params(fake: FakeEcs, **extra: str) -> dict[str, str]:
    return {
        "Action": "CreateNetworkInterface",
        "Version": "2014-05-26",
        "RegionId": "cn-hangzhou",
        "VSwitchId": fake.default_vswitch.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
        **extra,
    }


def test_fixture_shape(fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer) -> None:
    host, port = fake_ecs_server.endpoint.split(":")
    assert host == "127.0.0.1" and int(port) > 0
    assert fake_ecs_server.url == f"http://127.0.0.1:{port}"
    assert fake_ecs_server.fake is fake_ecs


def test_create_through_every_sdk(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, remote_sdk: Any
) -> None:
    body = remote_sdk.create_eni(
        **_defaults(fake_ecs, SecondaryPrivateIpAddressCount=2, NetworkInterfaceName="srv")
    )
    eni = fake_ecs.assert_eni_created(network_interface_id=body["NetworkInterfaceId"], name="srv")
    sets = body["PrivateIpSets"]["PrivateIpSet"]
    assert [s["PrivateIpAddress"] for s in sets] == eni.private_ip_addresses
    [call] = fake_ecs.assert_called("CreateNetworkInterface", times=1, NetworkInterfaceName="srv")
    assert call.host == "127.0.0.1"
    assert call.dialect == ("acs3" if remote_sdk.name == "tea-acs3" else "rpc")


def test_documented_errors_through_every_sdk(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, remote_sdk: Any
) -> None:
    with pytest.raises(ApiFailure) as failure:
        remote_sdk.create_eni(VSwitchId="vsw-missing", SecurityGroupId="sg-missing")
    assert (failure.value.code, failure.value.status) == ("InvalidVSwitchId.NotFound", 404)
    assert failure.value.request_id == fake_ecs.calls[-1].request_id
    fake_ecs.quotas.max_enis_per_region = 0
    with pytest.raises(ApiFailure) as failure:
        remote_sdk.create_eni(**_defaults(fake_ecs))
    assert (failure.value.code, failure.value.status) == ("MaxEniCountExceeded", 403)
    fake_ecs.assert_no_eni_created()


@pytest.mark.parametrize("signature_algorithm", [None, "v2"], ids=["acs3", "v1"])
def test_tea_async_against_the_server(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, signature_algorithm: str | None
) -> None:
    config = Config(
        access_key_id="ak",
        access_key_secret="sk",
        region_id="cn-hangzhou",
        endpoint=fake_ecs_server.endpoint,
        protocol="http",
    )
    if signature_algorithm:
        config.signature_algorithm = signature_algorithm
    client = Client(config)
    request = models.CreateNetworkInterfaceRequest(
        region_id="cn-hangzhou", **{k: v for k, v in _tea_defaults(fake_ecs).items()}
    )

    async def main() -> list[str]:
        bodies = await asyncio.gather(
            *(client.create_network_interface_async(request) for _ in range(5))
        )
        with pytest.raises(ClientException) as failure:
            await client.create_network_interface_async(
                models.CreateNetworkInterfaceRequest(
                    region_id="cn-hangzhou", v_switch_id="vsw-x", security_group_id="sg-x"
                )
            )
        assert failure.value.code == "InvalidVSwitchId.NotFound"
        return [b.body.network_interface_id for b in bodies]

    ids = asyncio.run(main())
    assert sorted(ids) == sorted(e.network_interface_id for e in fake_ecs.enis)
    assert len({e.primary_ip_address for e in fake_ecs.enis}) == 5
    assert all(c.host == "127.0.0.1" for c in fake_ecs.calls)


def _tea_defaults(fake: FakeEcs) -> dict[str, str]:
    return {
        "v_switch_id": fake.default_vswitch.vswitch_id,
        "security_group_id": fake.default_security_group.security_group_id,
    }


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["JSON", "XML"])
def test_plain_http_get_post_json_xml(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, method: str, fmt: str
) -> None:
    params = _rpc_params(fake_ecs, Format=fmt, NetworkInterfaceName=f"{method}-{fmt}")
    if method == "GET":
        response = requests.get(fake_ecs_server.url + "/", params=params, timeout=10)
    else:  # a form body, as the legacy SDK sends body parameters
        response = requests.post(fake_ecs_server.url + "/", data=params, timeout=10)
    assert response.status_code == 200
    eni = fake_ecs.assert_eni_created(name=f"{method}-{fmt}")
    if fmt == "XML":
        assert response.headers["content-type"].startswith("text/xml")
        root = ElementTree.fromstring(response.content)
        assert root.tag == "CreateNetworkInterfaceResponse"
        assert root.findtext("NetworkInterfaceId") == eni.network_interface_id
    else:
        assert response.json()["NetworkInterfaceId"] == eni.network_interface_id


def test_server_answers_exactly_as_in_process(fake_ecs: FakeEcs) -> None:
    """The same request through both transports gives the same status and body."""
    params = _rpc_params(fake_ecs, Format="XML", VSwitchId="vsw-nope")
    in_process = requests.get("https://ecs-cn-hangzhou.aliyuncs.com/", params=params, timeout=10)
    with FakeEcsServer(fake_ecs) as server:
        served = requests.get(server.url + "/", params=params, timeout=10)
    assert served.status_code == in_process.status_code == 404
    strip = [b"RequestId", b"HostId", b"Recommend"]
    a, b = (ElementTree.fromstring(r.content) for r in (in_process, served))
    assert [(e.tag, e.text) for e in a if e.tag.encode() not in strip] == [
        (e.tag, e.text) for e in b if e.tag.encode() not in strip
    ]
    assert a.findtext("Code") == "InvalidVSwitchId.NotFound"


def test_many_servers_at_once(fake_ecs: FakeEcs) -> None:
    other = FakeEcs(seed=1)
    with FakeEcsServer(fake_ecs) as one, FakeEcsServer(other) as two:
        assert one.port != two.port
        requests.get(one.url + "/", params=_rpc_params(fake_ecs), timeout=10)
        requests.get(two.url + "/", params=_rpc_params(other), timeout=10)
    assert len(fake_ecs.enis) == 1 and len(other.enis) == 1


def test_stop_frees_the_port(fake_ecs: FakeEcs) -> None:
    server = FakeEcsServer(fake_ecs).start()
    port = server.port
    server.stop()
    server.stop()  # twice is harmless
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/_fake/health", timeout=5)


# --- robustness ---------------------------------------------------------------------


def _raw(server: FakeEcsServer, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _status_and_json(raw: bytes) -> tuple[int, dict[str, Any]]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET / HTTP/9.9\r\n\r\n", 505),
        (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", 400),
        (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400),
        (b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 411),
        (b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n", 431),
    ],
    ids=[
        "garbage",
        "bad-version",
        "long-line",
        "bad-length",
        "negative-length",
        "chunked",
        "headers",
    ],
)
def test_malformed_http_is_answered(
    fake_ecs_server: FakeEcsServer, data: bytes, expected: int
) -> None:
    status, body = _status_and_json(_raw(fake_ecs_server, data))
    assert status == expected
    assert body["Code"] == "InvalidParameter" and body["Message"] and body["RequestId"]
    assert requests.get(fake_ecs_server.url + "/_fake/health", timeout=10).ok


def test_oversized_body_is_refused(fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer) -> None:
    response = requests.post(
        fake_ecs_server.url + "/",
        data=_rpc_params(fake_ecs, Description="x" * (1024 * 1024 + 1)),
        timeout=10,
    )
    assert response.status_code == 413
    assert response.json()["Code"] == "InvalidParameter"
    assert "1048576" in response.json()["Message"]
    assert fake_ecs.calls == [] and fake_ecs.enis == []
    ok = requests.post(fake_ecs_server.url + "/", data=_rpc_params(fake_ecs), timeout=10)
    assert ok.status_code == 200


def test_handler_bug_is_a_500_not_a_dead_server(fake_ecs: FakeEcs) -> None:
    server = FakeEcsServer(fake_ecs)
    server.handler = lambda request: 1 / 0  # type: ignore[assignment,return-value]
    with server:
        response = requests.get(server.url + "/", timeout=10)
        assert response.status_code == 500
        assert response.json()["Code"] == "InternalError"
        assert "ZeroDivisionError" in response.json()["Message"]


def test_binds_loopback_by_default(fake_ecs: FakeEcs) -> None:
    with FakeEcsServer(fake_ecs) as server:
        assert server.host == "127.0.0.1"


# --- concurrency --------------------------------------------------------------------


@pytest.mark.parametrize("driver", ["tea-acs3", "legacy"])
def test_concurrent_clients_get_distinct_addresses(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, driver: str
) -> None:
    threads, per_thread = 8, 5
    bodies: list[dict[str, Any]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def worker() -> None:
        sdk = server_driver(driver, fake_ecs_server.endpoint)
        start.wait()
        try:
            for _ in range(per_thread):
                bodies.append(
                    sdk.create_eni(**_defaults(fake_ecs, SecondaryPrivateIpAddressCount=1))
                )
        except BaseException as err:
            errors.append(err)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    assert errors == []
    addresses = [s["PrivateIpAddress"] for b in bodies for s in b["PrivateIpSets"]["PrivateIpSet"]]
    assert len(addresses) == 2 * threads * per_thread == len(set(addresses))
    assert len({b["NetworkInterfaceId"] for b in bodies}) == threads * per_thread
    assert len(fake_ecs.enis) == threads * per_thread
    assert fake_ecs.default_vswitch.available_ip_count == 252 - len(addresses)
    fake_ecs.cloud.check_invariants()


# --- signatures, checked over the wire ----------------------------------------------


@pytest.mark.parametrize("driver", sorted(DRIVERS))
def test_signatures_are_checked_through_the_server(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, driver: str
) -> None:
    """The host the signature covers is ``127.0.0.1:PORT``, as the client sent it."""
    fake_ecs.add_credentials("LTAI5tServer", "right-secret")
    fake_ecs.verify_signatures = True
    good = server_driver(
        driver,
        fake_ecs_server.endpoint,
        access_key_id="LTAI5tServer",
        access_key_secret="right-secret",
    )
    body = good.create_eni(**_defaults(fake_ecs))
    fake_ecs.assert_eni_created(network_interface_id=body["NetworkInterfaceId"])
    bad = server_driver(
        driver, fake_ecs_server.endpoint, access_key_id="LTAI5tServer", access_key_secret="wrong"
    )
    with pytest.raises(ApiFailure) as failure:
        bad.create_eni(**_defaults(fake_ecs))
    # The legacy SDK renames the code when the string to sign is its own (as in-process).
    expected = "InvalidAccessKeySecret" if driver == "legacy" else "SignatureDoesNotMatch"
    assert failure.value.code == expected
    assert len(fake_ecs.enis) == 1
