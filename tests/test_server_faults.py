"""Faults injected in Python or over the admin API, seen by SDKs against the server."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs, FakeEcsServer
from tests.drivers import ApiFailure, server_driver
from tests.test_create import _defaults


def _admin(server: FakeEcsServer, method: str, path: str, body: Any = None) -> Any:
    response = requests.request(method, f"{server.url}/_fake/{path}", json=body, timeout=10)
    assert response.ok, response.text
    return response.json()


@pytest.mark.parametrize("driver", ["tea-acs3", "tea-v1", "legacy"])
def test_error_injected_over_the_admin_api(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, driver: str
) -> None:
    rule = _admin(
        fake_ecs_server,
        "POST",
        "faults",
        {"type": "error", "action": "CreateNetworkInterface", "code": "InternalError",
         "times": 1, "when": {"NetworkInterfaceName": "doomed"}},
    )  # fmt: skip
    assert rule["kind"] == "error" and rule["hits"] == 0 and rule["when"] is True
    sdk = server_driver(driver, fake_ecs_server.endpoint)
    sdk.create_eni(**_defaults(fake_ecs, NetworkInterfaceName="fine"))  # `when` not met
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**_defaults(fake_ecs, NetworkInterfaceName="doomed"))
    assert (failure.value.code, failure.value.status) == ("InternalError", 500)
    [listed] = _admin(fake_ecs_server, "GET", "faults")
    assert listed["hits"] == 1
    calls = _admin(fake_ecs_server, "GET", "calls")
    assert [c["injected"] for c in calls] == [False, True]
    assert calls[1]["error_code"] == "InternalError"
    assert _admin(fake_ecs_server, "DELETE", "faults") == []
    assert fake_ecs.faults.rules == []


def test_error_injected_in_python_reaches_the_server_client(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    fake_ecs.inject_error("CreateNetworkInterface", "Throttling", times=2)
    sdk = server_driver("legacy", fake_ecs_server.endpoint)
    for _ in range(2):
        with pytest.raises(ApiFailure) as failure:
            sdk.create_eni(**_defaults(fake_ecs))
        assert failure.value.code == "Throttling"
    assert sdk.create_eni(**_defaults(fake_ecs))["NetworkInterfaceId"]
    fake_ecs.assert_called("CreateNetworkInterface", times=3)


def test_rate_limit_over_the_admin_api(fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer) -> None:
    _admin(
        fake_ecs_server,
        "POST",
        "faults",
        {"type": "rate_limit", "action": "CreateNetworkInterface", "calls": 1, "per_seconds": 60},
    )
    sdk = server_driver("tea-acs3", fake_ecs_server.endpoint)
    sdk.create_eni(**_defaults(fake_ecs))
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**_defaults(fake_ecs))
    assert (failure.value.code, failure.value.status) == ("Throttling", 400)
    fake_ecs.clock.advance(60)
    sdk.create_eni(**_defaults(fake_ecs))
    assert len(fake_ecs.enis) == 2


def test_latency_holds_one_client_not_the_server(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    _admin(
        fake_ecs_server,
        "POST",
        "faults",
        {"type": "latency", "action": "CreateNetworkInterface", "seconds": 1.0, "times": 1},
    )
    finished: list[str] = []

    def create(name: str) -> None:
        sdk = server_driver("tea-acs3", fake_ecs_server.endpoint)
        sdk.create_eni(**_defaults(fake_ecs, NetworkInterfaceName=name))
        finished.append(name)

    slow = threading.Thread(target=create, args=("slow",))
    slow.start()
    while not fake_ecs.calls:  # the slow call has been answered, and is being held
        threading.Event().wait(0.01)
    create("fast")
    slow.join()
    assert finished == ["fast", "slow"]


@pytest.mark.parametrize("driver", ["tea-acs3", "legacy"])
def test_transport_fault_drops_the_connection(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, driver: str
) -> None:
    _admin(
        fake_ecs_server,
        "POST",
        "faults",
        {"type": "transport", "action": "CreateNetworkInterface", "kind": "connection"},
    )
    sdk = server_driver(driver, fake_ecs_server.endpoint)
    with pytest.raises(Exception) as failure:
        sdk.create_eni(**_defaults(fake_ecs))
    assert not isinstance(failure.value, ApiFailure)  # a network failure, not an API error
    fake_ecs.assert_no_eni_created()
    assert sdk.create_eni(**_defaults(fake_ecs))["NetworkInterfaceId"]  # the server lives on


def test_legacy_retry_recovers_from_a_dropped_connection(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    fake_ecs.inject_transport_error("CreateNetworkInterface", "connection", times=1)
    sdk = server_driver("legacy", fake_ecs_server.endpoint, auto_retry=True)
    body = sdk.create_eni(**_defaults(fake_ecs))
    assert [c.injected for c in fake_ecs.calls] == [True, False]
    fake_ecs.assert_eni_created(network_interface_id=body["NetworkInterfaceId"])


def test_faults_in_a_state_document(fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer) -> None:
    _admin(
        fake_ecs_server,
        "POST",
        "state",
        {"faults": [{"type": "error", "action": "CreateNetworkInterface",
                     "code": "InvalidVSwitchId.IpNotEnough", "times": None}]},
    )  # fmt: skip
    sdk = server_driver("tea-v1", fake_ecs_server.endpoint)
    for _ in range(2):
        with pytest.raises(ApiFailure) as failure:
            sdk.create_eni(**_defaults(fake_ecs))
        assert (failure.value.code, failure.value.status) == ("InvalidVSwitchId.IpNotEnough", 403)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"type": "error", "action": "CreateNetworkInterface", "code": "Nope"}, "Nope"),
        ({"type": "error", "action": "CreateNetworkInterface", "code": "InternalError",
          "tims": 1}, "tims"),
        ({"type": "latency", "action": "CreateNetworkInterface", "seconds": -1}, "seconds"),
    ],
    ids=["unknown-code", "misspelt-argument", "negative-latency"],
)  # fmt: skip
def test_bad_faults_are_400(fake_ecs_server: FakeEcsServer, body: Any, says: str) -> None:
    response = requests.post(f"{fake_ecs_server.url}/_fake/faults", json=body, timeout=10)
    assert response.status_code == 400
    assert says in response.json()["error"]


def test_cli_state_file_with_faults(tmp_path: Path) -> None:
    from tests.test_cli import _start

    path = tmp_path / "state.toml"
    path.write_text(
        '[[faults]]\ntype = "error"\naction = "CreateNetworkInterface"\ncode = "InternalError"\n'
    )
    for served in _start("--state", str(path)):
        state = requests.get(served.url + "/_fake/state", timeout=10).json()
        sdk = server_driver("tea-acs3", served.endpoint)
        with pytest.raises(ApiFailure) as failure:
            sdk.create_eni(
                VSwitchId=state["default_vswitch_id"],
                SecurityGroupId=state["default_security_group_id"],
            )
        assert failure.value.code == "InternalError"
