"""Every admin input error is a 4xx naming the field that is wrong, over real HTTP."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_fake_eni import FakeEcs, FakeEcsServer
from tests.drivers import ApiFailure, server_driver
from tests.test_create import _defaults


def _post(server: FakeEcsServer, path: str, body: Any = None, data: bytes | None = None) -> Any:
    return requests.post(server.url + "/_fake/" + path, json=body, data=data, timeout=10)


def _snapshot(server: FakeEcsServer) -> Any:
    state = requests.get(server.url + "/_fake/state", timeout=10).json()
    faults = requests.get(server.url + "/_fake/faults", timeout=10).json()
    return state, faults


@pytest.mark.parametrize("route", ["vpcs", "vswitches", "state", "faults", "quotas", "instances"])
def test_a_deeply_nested_body_is_a_400(fake_ecs_server: FakeEcsServer, route: str) -> None:
    before = _snapshot(fake_ecs_server)
    for body in (b"[" * 100_000, b'{"a":' * 100_000):
        answer = _post(fake_ecs_server, route, data=body)
        assert answer.status_code == 400, answer.text
        assert "nests too deep" in answer.json()["error"]
    assert _snapshot(fake_ecs_server) == before


@pytest.mark.parametrize(
    ("route", "body", "says"),
    [
        ("vpcs", {"region_id": 5}, "field 'region_id': Input should be a valid string"),
        ("vpcs", {"cidr_block": ["10.0.0.0/8"]}, "field 'cidr_block'"),
        ("vpcs", {"cidr_block": "10.0.0.0/33"}, "is not an IPv4 CIDR block"),
        ("vpcs", {"vswitches": [{"cidr_block": 7}]}, "field 'vswitches.0.cidr_block'"),
        ("vpcs", {"colour": "red"}, "unexpected field 'colour'"),
        ("vswitches", {"cidr_block": "172.16.9.0/24", "available_ip_count": -1}, "field 'available_ip_count'"),
        ("vswitches", {"cidr_block": "172.16.9.0/24", "available_ip_count": "3"}, "field 'available_ip_count'"),
        ("vswitches", {"cidr_block": "172.16.9.0/24", "zone_id": 1}, "field 'zone_id'"),
        ("vswitches", {"cidr_block": "172.16.9.0/24", "ipv6_cidr_block": "zz"}, "ipv6_cidr_block 'zz'"),
        ("vswitches", {"cidr_block": "172.16.9.0/24", "status": "Gone"}, "field 'status'"),
        ("vswitches", {"cidr_block": "172.16.9.0/24", "vpc_id": "vpc-nope"}, "no VPC 'vpc-nope'"),
        ("security-groups", {"type": "fancy"}, "field 'type'"),
        ("security-groups", {"vpc_id": True}, "field 'vpc_id'"),
        ("instances", {"max_enis": 0}, "field 'max_enis'"),
        ("instances", {"security_group_ids": "sg-1"}, "field 'security_group_ids'"),
        ("instances", {"vswitch_id": "vsw-nope"}, "no vSwitch 'vsw-nope'"),
        ("quotas", {"max_enis_per_region": "many"}, "field 'quotas.max_enis_per_region'"),
        ("quotas", {"max_enis_per_region": -1}, "field 'quotas.max_enis_per_region'"),
        ("quotas", {"max_enis": 1}, "unknown quota 'max_enis'"),
        ("state", {"vpcs": {"cidr_block": "10.0.0.0/8"}}, "field 'vpcs'"),
        ("state", {"faults": [{"action": "CreateNetworkInterface"}]}, "missing field 'faults.0.code'"),
        ("state", {"instances": [{"max_enis": "2"}]}, "field 'instances.0.max_enis'"),
        ("state", [1], "the body must be a JSON object"),
        ("faults", {"action": "CreateNetworkInterface", "code": "InternalError", "when": [1]}, "field 'when'"),
        ("faults", {"action": "CreateNetworkInterface", "code": "InternalError", "when": {"A": {"b": 1}}}, "field 'when.A"),
        ("faults", {"action": "CreateNetworkInterface", "code": "InternalError", "when": "x"}, "field 'when'"),
        ("faults", {"action": "CreateNetworkInterface", "code": "InternalError", "times": 0}, "field 'times'"),
        ("faults", {"action": "CreateNetworkInterface", "code": "InternalError", "probability": 2}, "field 'probability'"),
        ("faults", {"action": "CreateNetworkInterface", "code": "InternalError", "status": 200}, "field 'status'"),
        ("faults", {"action": "CreateNetworkInterface", "code": "NoSuch.Code"}, "NoSuch.Code"),
        ("faults", {"action": "CreateNetworkInterfaces", "code": "InternalError"}, "does not implement"),
        ("faults", {"action": 3, "code": "InternalError"}, "field 'action'"),
        ("faults", {"code": "InternalError"}, "missing field 'action'"),
        ("faults", {"type": "latency", "action": "CreateNetworkInterface"}, "missing field 'seconds'"),
        ("faults", {"type": "latency", "action": "CreateNetworkInterface", "seconds": 1, "code": "X"}, "unexpected field 'code'"),
        ("faults", {"type": "transport", "action": "CreateNetworkInterface", "kind": "dns"}, "field 'kind'"),
        ("faults", {"type": "rate_limit", "action": "CreateNetworkInterface", "calls": 1, "per_seconds": 0}, "field 'per_seconds'"),
        ("faults", {"type": 7, "action": "CreateNetworkInterface"}, "unknown fault type 7"),
    ],
)  # fmt: skip
def test_each_mistake_is_a_400_naming_the_field_and_changes_nothing(
    fake_ecs_server: FakeEcsServer, route: str, body: Any, says: str
) -> None:
    before = _snapshot(fake_ecs_server)
    answer = _post(fake_ecs_server, route, body)
    assert answer.status_code == 400, answer.text
    assert says in answer.json()["error"]
    assert _snapshot(fake_ecs_server) == before


def test_a_when_that_cannot_be_evaluated_is_refused_and_creates_still_work(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    create = "CreateNetworkInterface"
    refused = _post(
        fake_ecs_server, "faults", {"action": create, "code": "InternalError", "when": [1]}
    )
    assert refused.status_code == 400 and fake_ecs.faults.rules == []
    sdk = server_driver("tea-acs3", fake_ecs_server.endpoint)
    assert sdk.create_eni(**_defaults(fake_ecs))["NetworkInterfaceId"]  # not a 500
    # A `when` of wire parameters works; numbers compare as their text.
    rule = {
        "action": create,
        "code": "InternalError",
        "when": {"SecondaryPrivateIpAddressCount": 2},
    }
    assert _post(fake_ecs_server, "faults", rule).json()["when"] is True
    assert sdk.create_eni(**_defaults(fake_ecs, SecondaryPrivateIpAddressCount=1))
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**_defaults(fake_ecs, SecondaryPrivateIpAddressCount=2))
    assert failure.value.code == "InternalError" and failure.value.status == 500
    assert [c.status_code for c in fake_ecs.calls] == [200, 200, 500]
    assert fake_ecs.calls[-1].injected


def test_a_fault_of_each_type_is_installed(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    create = "CreateNetworkInterface"
    bodies = [
        {"action": create, "code": "Throttling", "times": None, "probability": 0.5},
        {"type": "latency", "action": create, "seconds": 0.01, "times": 2},
        {"type": "transport", "action": create, "kind": "timeout"},
        {"type": "rate_limit", "action": create, "calls": 3, "per_seconds": 2},
    ]
    for body in bodies:
        assert _post(fake_ecs_server, "faults", body).status_code == 200
    kinds = [(r.kind, r.times) for r in fake_ecs.faults.rules]
    assert kinds == [("error", None), ("latency", 2), ("transport", 1), ("rate_limit", None)]
    assert fake_ecs.faults.rules[0].probability == 0.5
    assert fake_ecs.faults.rules[2].transport_kind == "timeout"


def test_a_vswitch_and_group_with_every_option(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    vsw = _post(
        fake_ecs_server,
        "vswitches",
        {"cidr_block": "172.16.8.0/24", "name": "v6", "status": "Pending",
         "ipv6_cidr_block": "2408:4005:3d8:3c00::/64", "reserved_cidr_blocks": ["172.16.8.64/26"]},
    ).json()  # fmt: skip
    held = fake_ecs.cloud.vswitches[vsw["vswitch_id"]]
    assert (held.name, held.status, held.ipv6_cidr_block) == (
        "v6",
        "Pending",
        "2408:4005:3d8:3c00::/64",
    )
    assert held.reserved_cidr_blocks == ("172.16.8.64/26",)
    sg = _post(fake_ecs_server, "security-groups", {"type": "enterprise", "rule_count": 4}).json()
    assert sg["type"] == "enterprise" and sg["rule_count"] == 4


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_FIELDS = ["cidr_block", "region_id", "vpc_id", "zone_id", "available_ip_count", "action", "code",
           "type", "when", "times", "seconds", "calls", "max_enis", "max_enis_per_region", "vpcs",
           "vswitches", "faults", "instances", "quotas", "status", "name", "kind"]  # fmt: skip
_bodies = _json | st.dictionaries(st.sampled_from(_FIELDS), _json, max_size=5)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    route=st.sampled_from(
        ["vpcs", "vswitches", "security-groups", "instances", "quotas", "faults", "state"]
    ),
    body=_bodies,
)
def test_no_body_gets_a_5xx(
    fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer, route: str, body: Any
) -> None:
    answer = _post(fake_ecs_server, route, body)
    assert answer.status_code in (200, 400), answer.text
    assert answer.headers["content-type"].startswith("application/json")
    if answer.status_code == 400:
        assert answer.json()["error"]
    fake_ecs.cloud.check_invariants(quotas=False)


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("limit=x", "field 'limit'"),
        ("limit=-1", "field 'limit'"),
        ("colour=red", "unexpected field 'colour'"),
    ],
)
def test_a_bad_calls_query_is_a_400(fake_ecs_server: FakeEcsServer, query: str, says: str) -> None:
    answer = requests.get(fake_ecs_server.url + "/_fake/calls?" + query, timeout=10)
    assert answer.status_code == 400 and says in answer.json()["error"]
