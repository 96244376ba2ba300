"""The fake answers ECS only; other hosts and a test's own ``responses`` keep working."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import responses

from pytest_fake_eni import FakeEcs
from tests.test_create_errors import ok


@pytest.fixture
def local_server() -> Iterator[str]:
    class Hello(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"real server")

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_other_hosts_pass_through(fake_ecs: FakeEcs, local_server: str) -> None:
    assert requests.get(local_server, timeout=5).text == "real server"
    assert fake_ecs.calls == []


@responses.activate
def test_responses_activate_beside_the_fixture(fake_ecs: FakeEcs, tea: Any) -> None:
    responses.add(responses.GET, "https://api.example.com/thing", json={"ok": True})
    assert requests.get("https://api.example.com/thing", timeout=5).json() == {"ok": True}
    body = tea.create_eni(**ok(fake_ecs))
    assert body["NetworkInterfaceId"] == fake_ecs.enis[0].network_interface_id
    assert requests.get("https://api.example.com/thing", timeout=5).json() == {"ok": True}


def test_requests_mock_started_inside_the_test(fake_ecs: FakeEcs, sdk: Any) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://api.example.com/x", body="mocked")
        assert requests.get("https://api.example.com/x", timeout=5).text == "mocked"
        sdk.create_eni(**ok(fake_ecs))
    assert len(fake_ecs.enis) == 1


def test_requests_mock_started_before_the_fake(tea: Any) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://api.example.com/y", body="mine")
        with FakeEcs() as fake:
            assert requests.get("https://api.example.com/y", timeout=5).text == "mine"
            tea.create_eni(**ok(fake))
            assert len(fake.enis) == 1
        assert requests.get("https://api.example.com/y", timeout=5).text == "mine"


def test_the_fake_stops_cleanly(tea: Any) -> None:
    import requests.adapters

    original = requests.adapters.HTTPAdapter.send
    find_match = responses.RequestsMock._find_match
    with FakeEcs() as fake:
        tea.create_eni(**ok(fake))
        assert requests.adapters.HTTPAdapter.send is not original
    assert requests.adapters.HTTPAdapter.send is original
    assert responses.RequestsMock._find_match is find_match


def test_no_ecs_request_reaches_the_network(
    fake_ecs: FakeEcs, sdk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a socket was opened: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    sdk.create_eni(**ok(fake_ecs))
    requests.get("https://ecs.aliyuncs.com/?Action=Nope&Version=2014-05-26", timeout=5)
    assert [c.action for c in fake_ecs.calls][-1] == "Nope"


def test_two_fakes_nest(tea: Any) -> None:
    with FakeEcs() as outer:
        with FakeEcs(seed=1) as inner:
            tea.create_eni(**ok(inner))
        assert len(inner.enis) == 1 and outer.enis == []
        tea.create_eni(**ok(outer))
        assert len(outer.enis) == 1


def test_answered_responses_are_not_kept(fake_ecs: FakeEcs, local_server: str) -> None:
    """The fake keeps its own call log, not every request and response it (or a pass-through
    host) answered: a long test holds no more memory per call than its ENIs."""
    import gc
    import weakref

    url = "https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeNetworkInterfaces&RegionId=cn-hangzhou"
    answered = [requests.get(url, timeout=5), requests.get(local_server, timeout=5)]
    assert answered[0].status_code == fake_ecs.calls[0].status_code
    assert answered[1].text == "real server"
    refs = [weakref.ref(r) for r in answered]
    del answered
    gc.collect()
    assert [ref() for ref in refs] == [None, None]
    assert [c.action for c in fake_ecs.calls] == ["DescribeNetworkInterfaces"]
