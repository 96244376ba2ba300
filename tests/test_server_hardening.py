"""Server mode against hostile or bursty clients: bad Host headers, stalls, connection bursts.

Real sockets on 127.0.0.1 and the real SDKs; every wait is bounded.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs, FakeEcsServer
from pytest_fake_eni.transport.server import BACKLOG, READ_TIMEOUT, authority_error
from tests.drivers import DRIVERS, server_driver
from tests.test_create import _defaults
from tests.test_server import _raw as _exchange
from tests.test_server import _status_and_json


def _describe(fake: FakeEcs) -> bytes:
    return (
        b"/?Action=DescribeNetworkInterfaces&Version=2014-05-26&Format=JSON&RegionId="
        + fake.region_id.encode()
    )


# --- the Host header and the request target ------------------------------------------


@pytest.mark.parametrize(
    "host",
    [b"[", b"[::1", b"a]b", b"[::1]x", b"[zz::1]:80", b"a b", b"x:abc", b"x:99999", b"x:-1",
     b"a/b", b"a?b", b"a@b", b"\xff", b"%zz"],
)  # fmt: skip
def test_a_malformed_host_is_a_400_and_the_server_keeps_serving(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, host: bytes
) -> None:
    request = b"GET " + _describe(fake_ecs) + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n"
    status, body = _status_and_json(_exchange(fake_ecs_server, request))
    assert status == 400
    assert body["Code"] == "InvalidParameter" and "Host" in body["Message"]
    assert fake_ecs.calls == []  # refused before the fake saw it
    assert requests.get(fake_ecs_server.url + "/_fake/health", timeout=10).ok


@pytest.mark.parametrize(
    "host",
    [b"127.0.0.1", b"127.0.0.1:80", b"[::1]", b"[::1]:8080", b"localhost:", b"ecs.aliyuncs.com"],
)
def test_a_well_formed_host_is_served(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, host: bytes
) -> None:
    request = (
        b"GET "
        + _describe(fake_ecs)
        + b" HTTP/1.1\r\nHost: "
        + host
        + b"\r\nConnection: close\r\n\r\n"
    )
    status, body = _status_and_json(_exchange(fake_ecs_server, request))
    assert status == 200 and body["TotalCount"] == 0
    [call] = fake_ecs.calls
    assert call.action == "DescribeNetworkInterfaces" and call.status_code == 200


def test_an_absolute_form_target_names_the_host(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    """RFC 9112 3.2.2: a server accepts the absolute form; its authority wins over Host."""
    target = b"http://ecs.cn-hangzhou.aliyuncs.com" + _describe(fake_ecs)
    raw = _exchange(
        fake_ecs_server, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert _status_and_json(raw)[0] == 200
    assert fake_ecs.calls[0].host == "ecs.cn-hangzhou.aliyuncs.com"
    for bad in (b"ftp://x/", b"*", b"http://[/", b"nothing"):
        status, body = _status_and_json(
            _exchange(fake_ecs_server, b"GET " + bad + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        )
        assert status == 400 and body["Code"] == "InvalidParameter", bad
    assert len(fake_ecs.calls) == 1


def test_authority_error_names_the_part_that_is_wrong() -> None:
    assert authority_error("127.0.0.1:8080") is None
    assert authority_error("") is None  # no Host at all: the server's own endpoint is used
    assert "lacks its ']'" in str(authority_error("[::1"))
    assert "not an IPv6 address" in str(authority_error("[1.2.3.4]"))
    assert "is not a port" in str(authority_error("h:65536"))
    assert "is not a host name" in str(authority_error("a]b"))


# --- stalled connections: the read timeout -------------------------------------------


def _server_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if "process_request" in t.name}


def _wait_until(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


def test_stalled_half_requests_are_closed_and_their_threads_freed(fake_ecs: FakeEcs) -> None:
    halves = [
        b"GET / HT",  # half a request line
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Le",  # half the headers
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=Cre",  # half a body
        b"",  # connected, said nothing
    ]
    # Threads of earlier tests' servers may still be ending: only this server's count.
    before = _server_threads()
    # Long enough for all 40 to be open at once on a loaded machine, short of the clients'
    # own 5 s timeout.
    with FakeEcsServer(fake_ecs, read_timeout=1.5) as server:
        sockets = []
        for i in range(40):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            sock.sendall(halves[i % len(halves)])
            sockets.append(sock)
        assert _wait_until(lambda: len(_server_threads() - before) >= 40, 5)
        ours = _server_threads() - before
        started = time.monotonic()
        for sock in sockets:  # the server closes each: recv reads the end of the stream
            assert sock.recv(65536) == b""
            sock.close()
        assert time.monotonic() - started < 4
        assert _wait_until(lambda: not any(t.is_alive() for t in ours), 5), ours
        answer = requests.get(server.url + "/_fake/health", timeout=5)  # still serving
        assert answer.json() == {"status": "ok"}
    assert fake_ecs.calls == []


@pytest.mark.parametrize("driver", sorted(DRIVERS))
def test_sdks_reconnect_after_an_idle_connection_is_closed(fake_ecs: FakeEcs, driver: str) -> None:
    with FakeEcsServer(fake_ecs, read_timeout=0.2) as server:
        sdk = server_driver(driver, server.endpoint)
        first = sdk.create_eni(**_defaults(fake_ecs))
        time.sleep(0.6)  # the pooled keep-alive connection is closed by the server meanwhile
        second = sdk.create_eni(**_defaults(fake_ecs))
    assert first["NetworkInterfaceId"] != second["NetworkInterfaceId"]
    assert [c.status_code for c in fake_ecs.calls] == [200, 200]


def test_read_timeout_defaults_and_refusals(fake_ecs: FakeEcs) -> None:
    server = FakeEcsServer(fake_ecs)
    try:
        assert server.read_timeout == READ_TIMEOUT and 0 < READ_TIMEOUT <= 30
    finally:
        server.stop()
    with pytest.raises(ValueError, match="read_timeout must be positive"):
        FakeEcsServer(fake_ecs, read_timeout=0)
    FakeEcsServer(fake_ecs, read_timeout=None).stop()  # None: never time out


# --- bursts of connections: the listen backlog ---------------------------------------


def test_a_burst_of_64_clients_is_answered_promptly(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    """With the standard library's backlog of 5 the kernel drops most of these connection
    attempts and the clients retry a second or more later; with 128 all are queued."""
    assert BACKLOG >= 128
    clients = 64
    latencies: list[float] = []
    errors: list[BaseException] = []
    start = threading.Barrier(clients)
    request = b"GET /_fake/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"

    def client() -> None:
        start.wait()
        began = time.perf_counter()
        try:
            raw = _exchange(fake_ecs_server, request)
            assert raw.startswith(b"HTTP/1.1 200 ")
            latencies.append(time.perf_counter() - began)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert len(latencies) == clients
    assert max(latencies) < 1.0, sorted(latencies)[-5:]  # a dropped SYN is retried after 1 s
