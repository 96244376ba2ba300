"""ModifyNetworkInterfaceAttribute's queues, traffic settings and EnablePrimaryIPv6.

Each accepted change is stored on the ENI by wire name and read back through
DescribeNetworkInterfaceAttribute, through every SDK.
"""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.lifecycle_drivers import create, ecs

IPV6_CIDR = "2408:4005:300:1a00::/64"
TC = "NetworkInterfaceTrafficConfig"


def _eni(fake: FakeEcs, sdk: Any, **params: Any) -> str:
    return create(
        sdk,
        VSwitchId=fake.default_vswitch.vswitch_id,
        SecurityGroupId=fake.default_security_group.security_group_id,
        **params,
    )


# (case, request, stored attributes, what DescribeNetworkInterfaceAttribute shows)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    ("queue sizes", {"TxQueueSize": 8192, "RxQueueSize": 8192},
     {"TxQueueSize": 8192, "RxQueueSize": 8192}, {}),
    ("config queue sizes", {TC: {"TxQueueSize": 16384, "RxQueueSize": 16384}},
     {"TxQueueSize": 16384, "RxQueueSize": 16384}, {}),
    ("queue number", {"QueueNumber": 8}, {"QueueNumber": 8},
     {"QueueNumber": 8, TC: {"NetworkInterfaceTrafficMode": "Standard", "QueueNumber": 8,
                             "QueuePairNumber": 0}}),
    ("config queue number", {TC: {"QueueNumber": 4}}, {"QueueNumber": 4},
     {"QueueNumber": 4, TC: {"NetworkInterfaceTrafficMode": "Standard", "QueueNumber": 4,
                             "QueuePairNumber": 0}}),
    ("top level wins", {"QueueNumber": 6, TC: {"QueueNumber": 2}}, {"QueueNumber": 6},
     {"QueueNumber": 6}),
    ("high performance", {TC: {"NetworkInterfaceTrafficMode": "HighPerformance",
                               "QueuePairNumber": 8}},
     {"NetworkInterfaceTrafficMode": "HighPerformance", "QueuePairNumber": 8},
     {"NetworkInterfaceTrafficMode": "HighPerformance", "QueuePairNumber": 8,
      TC: {"NetworkInterfaceTrafficMode": "HighPerformance", "QueueNumber": 1,
           "QueuePairNumber": 8}}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "request_params", "stored", "shown"), CASES, ids=[c[0] for c in CASES]
)
def test_traffic_settings_are_stored_and_described(
    fake_ecs: FakeEcs,
    sdk: Any,
    case: str,
    request_params: dict[str, Any],
    stored: dict[str, Any],
    shown: dict[str, Any],
) -> None:
    eni_id = _eni(fake_ecs, sdk)
    ecs(sdk, "ModifyNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, **request_params)
    attributes = fake_ecs.cloud.enis[eni_id].attributes
    assert {name: attributes.get(name) for name in stored} == stored
    body = ecs(sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=eni_id)
    assert {name: body.get(name) for name in shown} == shown
    assert body[TC] == {
        name: body[name]
        for name in ("NetworkInterfaceTrafficMode", "QueueNumber", "QueuePairNumber")
    }


def test_a_later_call_keeps_the_high_performance_mode(fake_ecs: FakeEcs, sdk: Any) -> None:
    eni_id = _eni(fake_ecs, sdk)
    mode = {"NetworkInterfaceTrafficMode": "HighPerformance"}
    ecs(sdk, "ModifyNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, **{TC: mode})
    # QueuePairNumber needs HighPerformance: the ENI's own mode counts when the call sets none.
    ecs(sdk, "ModifyNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, **{TC: {"QueuePairNumber": 2}})  # fmt: skip
    body = ecs(sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=eni_id)
    assert (body["NetworkInterfaceTrafficMode"], body["QueuePairNumber"]) == ("HighPerformance", 2)


def _ipv6_of(sdk: Any, eni_id: str) -> list[str]:
    body = ecs(sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=eni_id)
    return [s["Ipv6Address"] for s in body["Ipv6Sets"]["Ipv6Set"]]


def test_enable_primary_ipv6_gives_the_eni_an_address(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.default_vswitch
    vsw.enable_ipv6(IPV6_CIDR)
    eni_id = _eni(fake_ecs, sdk)
    assert _ipv6_of(sdk, eni_id) == []
    ecs(sdk, "ModifyNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, EnablePrimaryIPv6=True)
    (address,) = _ipv6_of(sdk, eni_id)
    assert address.startswith("2408:4005:300:1a00:")
    assert vsw.ipv6_ledger is not None and vsw.ipv6_ledger.taken_count == 1
    assert fake_ecs.cloud.enis[eni_id].attributes["EnablePrimaryIPv6"] is True
    # Asking again changes nothing: the ENI has its primary IPv6.
    ecs(sdk, "ModifyNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, EnablePrimaryIPv6=True)
    assert _ipv6_of(sdk, eni_id) == [address]
    fake_ecs.cloud.check_invariants()
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    assert vsw.ipv6_ledger.taken_count == 0


def test_enable_primary_ipv6_after_create_with_it_allocates_nothing(
    fake_ecs: FakeEcs, sdk: Any
) -> None:
    vsw = fake_ecs.default_vswitch
    vsw.enable_ipv6(IPV6_CIDR)
    eni_id = _eni(fake_ecs, sdk, EnablePrimaryIPv6=True)
    before = _ipv6_of(sdk, eni_id)
    assert len(before) == 1
    ecs(sdk, "ModifyNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, EnablePrimaryIPv6=True)
    assert _ipv6_of(sdk, eni_id) == before


def test_enable_primary_ipv6_keeps_an_address_already_held(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.default_vswitch
    vsw.enable_ipv6(IPV6_CIDR)
    eni_id = _eni(fake_ecs, sdk)
    ecs(sdk, "AssignIpv6Addresses", NetworkInterfaceId=eni_id, Ipv6AddressCount=2)
    before = _ipv6_of(sdk, eni_id)
    ecs(sdk, "ModifyNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, EnablePrimaryIPv6=True)
    assert _ipv6_of(sdk, eni_id) == before  # the first held address is the primary
    assert vsw.ipv6_ledger is not None and vsw.ipv6_ledger.taken_count == 2
