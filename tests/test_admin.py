"""The admin API under ``/_fake/``, driven over HTTP like a non-Python suite would."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs, FakeEcsServer
from tests.drivers import ApiFailure, server_driver


class Admin:
    """A tiny HTTP client for ``/_fake/``."""

    def __init__(self, server: FakeEcsServer) -> None:
        self.base = server.url + "/_fake/"
        self.endpoint = server.endpoint

    def __call__(self, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        response = requests.request(method, self.base + path, json=body, timeout=10)
        assert response.status_code == status, response.text
        assert response.headers["content-type"].startswith("application/json")
        return response.json()


@pytest.fixture
def admin(fake_ecs_server: FakeEcsServer) -> Admin:
    return Admin(fake_ecs_server)


def test_health_and_state(admin: Admin, fake_ecs: FakeEcs) -> None:
    assert admin("GET", "health") == {"status": "ok"}
    state = admin("GET", "state")
    assert state["default_vswitch_id"] == fake_ecs.default_vswitch.vswitch_id
    assert state["default_security_group_id"] == (fake_ecs.default_security_group.security_group_id)
    [vsw] = state["vswitches"]
    assert vsw["cidr_block"] == "172.16.0.0/24" and vsw["available_ip_count"] == 252
    assert state["quotas"]["max_enis_per_region"] == 100


def test_seed_resources_one_by_one_then_create(admin: Admin, fake_ecs: FakeEcs) -> None:
    vpc = admin("POST", "vpcs", {"cidr_block": "10.0.0.0/8"})
    vsw = admin(
        "POST",
        "vswitches",
        {"vpc_id": vpc["vpc_id"], "cidr_block": "10.9.0.0/29", "zone_id": "cn-hangzhou-i"},
    )
    sg = admin("POST", "security-groups", {"vpc_id": vpc["vpc_id"]})
    assert vsw["available_ip_count"] == 4 and vsw["zone_id"] == "cn-hangzhou-i"
    sdk = server_driver("tea-acs3", admin.endpoint)
    body = sdk.create_eni(VSwitchId=vsw["vswitch_id"], SecurityGroupId=sg["security_group_id"])
    assert body["PrivateIpAddress"].startswith("10.9.0.")
    [eni] = admin("GET", "enis")
    assert eni["network_interface_id"] == body["NetworkInterfaceId"]
    assert eni["vswitch_id"] == vsw["vswitch_id"]
    assert eni["private_ip_addresses"] == [body["PrivateIpAddress"]]
    [call] = admin("GET", "calls")
    assert call["action"] == "CreateNetworkInterface" and call["status_code"] == 200
    assert call["params"]["VSwitchId"] == vsw["vswitch_id"]
    assert fake_ecs.enis[0].network_interface_id == body["NetworkInterfaceId"]


def test_seed_a_state_document(admin: Admin, fake_ecs: FakeEcs) -> None:
    answer = admin(
        "POST",
        "state",
        {
            "quotas": {"max_enis_per_region": 2},
            "vpcs": [
                {
                    "name": "main",
                    "cidr_block": "192.168.0.0/16",
                    "vswitches": [{"name": "tiny", "cidr_block": "192.168.1.0/24",
                                   "available_ip_count": 1}],
                    "security_groups": [{"name": "web"}],
                }
            ],
            "vswitches": [{"name": "extra", "cidr_block": "172.16.5.0/24"}],
        },
    )  # fmt: skip
    names = answer["names"]
    assert set(names) == {"main", "tiny", "web", "extra"}
    tiny = fake_ecs.cloud.vswitches[names["tiny"]]
    assert tiny.name == "tiny" and tiny.available_ip_count == 1
    assert fake_ecs.cloud.vswitches[names["extra"]].vpc_id == fake_ecs.default_vpc.vpc_id
    assert fake_ecs.quotas.max_enis_per_region == 2
    sdk = server_driver("legacy", admin.endpoint)
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(
            VSwitchId=names["tiny"], SecurityGroupId=names["web"], SecondaryPrivateIpAddressCount=1
        )
    assert failure.value.code == "InvalidVSwitchId.IpNotEnough"


def test_quotas(admin: Admin, fake_ecs: FakeEcs) -> None:
    assert admin("PUT", "quotas", {"max_enis_per_region": 0})["max_enis_per_region"] == 0
    assert fake_ecs.quotas.max_enis_per_region == 0
    assert admin("GET", "quotas")["max_enis_per_region"] == 0
    error = admin("POST", "quotas", {"max_enis": 1}, status=400)["error"]
    assert "unknown quota 'max_enis'" in error


def _timeless(state: Any) -> Any:
    """``state`` without creation times (a reset fake's clock starts anew)."""
    if isinstance(state, dict):
        return {k: _timeless(v) for k, v in state.items() if k != "creation_time"}
    if isinstance(state, list):
        return [_timeless(v) for v in state]
    return state


def test_reset(admin: Admin, fake_ecs: FakeEcs) -> None:
    before = admin("GET", "state")
    admin("POST", "vpcs", {"cidr_block": "10.0.0.0/8"})
    admin("PUT", "quotas", {"max_enis_per_region": 3})
    sdk = server_driver("tea-v1", admin.endpoint)
    sdk.create_eni(
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    after = admin("POST", "reset")
    assert _timeless(after) == _timeless(before)  # same seed: the same default ids again
    assert admin("GET", "enis") == [] and admin("GET", "calls") == []
    assert fake_ecs.enis == [] and fake_ecs.quotas.max_enis_per_region == 100
    body = sdk.create_eni(
        VSwitchId=after["default_vswitch_id"], SecurityGroupId=after["default_security_group_id"]
    )
    fake_ecs.assert_eni_created(network_interface_id=body["NetworkInterfaceId"])


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "says"),
    [
        ("GET", "nope", None, 404, "no admin route /_fake/nope"),
        ("DELETE", "enis", None, 405, "takes ['GET']"),
        ("POST", "vswitches", {"vpc_id": "vpc-x"}, 400, "missing field 'cidr_block'"),
        ("POST", "vswitches", {"vpc_id": "vpc-x", "cidr_block": "10.0.0.0/24"}, 400, "no VPC"),
        ("POST", "vpcs", ["not", "an", "object"], 400, "must be a JSON object"),
        ("POST", "state", {"vpcs": [{"cidr": "10.0.0.0/8"}]}, 400, "cidr"),
        ("POST", "faults", {"type": "meteor"}, 400, "unknown fault type 'meteor'"),
    ],
    ids=["route", "method", "missing", "no-vpc", "not-object", "bad-doc", "fault-type"],
)
def test_mistakes_are_answered_clearly(
    admin: Admin, method: str, path: str, body: Any, status: int, says: str
) -> None:
    assert says in admin(method, path, body, status=status)["error"]


def test_body_that_is_not_json(fake_ecs_server: FakeEcsServer) -> None:
    response = requests.post(fake_ecs_server.url + "/_fake/vpcs", data=b"{oops", timeout=10)
    assert response.status_code == 400 and "not JSON" in response.json()["error"]


def test_instances_over_http(admin: Admin, fake_ecs: FakeEcs) -> None:
    instance = admin("POST", "instances", {"status": "Stopped", "max_enis": 2})
    (held,) = fake_ecs.instances
    assert instance["instance_id"] == held.instance_id and held.status == "Stopped"
    assert instance["primary_eni_id"] in {e.network_interface_id for e in fake_ecs.enis}
    assert (
        "unexpected field 'colour'"
        in admin("POST", "instances", {"colour": "red"}, status=400)["error"]
    )


def test_reset_in_python_keeps_the_fake_usable(fake_ecs: FakeEcs) -> None:
    from tests.drivers import TeaDriver

    vsw_id = fake_ecs.default_vswitch.vswitch_id
    fake_ecs.inject_error("CreateNetworkInterface", "InternalError")
    fake_ecs.reset()
    assert fake_ecs.faults.rules == [] and fake_ecs.calls == []
    assert fake_ecs.default_vswitch.vswitch_id == vsw_id
    body = TeaDriver().create_eni(
        VSwitchId=vsw_id, SecurityGroupId=fake_ecs.default_security_group.security_group_id
    )  # in-process: the routers still answer from the reset fake
    fake_ecs.assert_eni_created(network_interface_id=body["NetworkInterfaceId"])
