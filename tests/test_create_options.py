"""The newer CreateNetworkInterface parameters do what they say, through every SDK."""

from __future__ import annotations

from typing import Any

import pytest
from netaddr import IPAddress, IPNetwork

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.test_create_errors import ok

IPV6_CIDR = "2408:4005:3d8:3c00::/64"


def failure(sdk: Any, **params: Any) -> ApiFailure:
    with pytest.raises(ApiFailure) as caught:
        sdk.create_eni(**params)
    return caught.value


def test_ipv6_addresses_come_from_the_vswitch_64(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.default_vswitch.enable_ipv6(IPV6_CIDR)
    body = sdk.create_eni(**ok(fake_ecs, Ipv6AddressCount=3))
    named = sdk.create_eni(**ok(fake_ecs, Ipv6Address=["2408:4005:3d8:3c00::abcd"]))
    got = [s["Ipv6Address"] for s in body["Ipv6Sets"]["Ipv6Set"]]
    assert len(got) == len(set(got)) == 3
    network = IPNetwork(IPV6_CIDR)
    for text in got:
        assert IPAddress(text) in network and IPAddress(text) != network.network
    assert named["Ipv6Sets"]["Ipv6Set"] == [{"Ipv6Address": "2408:4005:3d8:3c00::abcd"}]
    assert fake_ecs.enis[0].ipv6_addresses == got
    fake_ecs.cloud.check_invariants()


def test_enable_primary_ipv6_gives_one_address(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.default_vswitch.enable_ipv6(IPV6_CIDR)
    body = sdk.create_eni(**ok(fake_ecs, EnablePrimaryIPv6=True))
    assert len(body["Ipv6Sets"]["Ipv6Set"]) == 1


def test_ipv6_reserved_tail_is_never_handed_out(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.default_vswitch.enable_ipv6(IPV6_CIDR)
    last = IPNetwork(IPV6_CIDR).last
    for offset in (0, 8):  # the last nine are reserved
        err = failure(sdk, **ok(fake_ecs, Ipv6Address=[str(IPAddress(last - offset, 6))]))
        assert err.code == "InvalidOperation.AddressNotInVSwitchCidr"
    sdk.create_eni(**ok(fake_ecs, Ipv6Address=[str(IPAddress(last - 9, 6))]))


def test_ipv4_prefixes_are_aligned_and_never_overlap(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.default_vswitch
    held: list[IPNetwork] = []
    addresses: list[IPAddress] = []
    for _ in range(3):
        body = sdk.create_eni(**ok(fake_ecs, Ipv4PrefixCount=3))
        held += [IPNetwork(p["Ipv4Prefix"]) for p in body["Ipv4PrefixSets"]["Ipv4PrefixSet"]]
        addresses.append(IPAddress(body["PrivateIpAddress"]))
    assert len(held) == 9
    for i, prefix in enumerate(held):
        assert prefix.prefixlen == 28 and prefix.network == prefix.ip
        assert prefix in IPNetwork(vsw.cidr_block)
        assert all(a not in prefix for a in addresses)
        assert all(not (prefix in other or other in prefix) for other in held[i + 1 :])
    assert vsw.available_ip_count == 252 - 3 - 9 * 16
    fake_ecs.cloud.check_invariants()


def test_addresses_skip_a_named_prefix(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(fake_ecs, Ipv4Prefix=["172.16.0.16/28"]))
    bodies = [sdk.create_eni(**ok(fake_ecs, SecondaryPrivateIpAddressCount=10)) for _ in range(2)]
    for body in bodies:
        for entry in body["PrivateIpSets"]["PrivateIpSet"]:
            assert IPAddress(entry["PrivateIpAddress"]) not in IPNetwork("172.16.0.16/28")
    fake_ecs.cloud.check_invariants()


def test_prefixes_come_from_the_reservation(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.add_vswitch(
        fake_ecs.default_vpc.vpc_id, "172.16.1.0/24", reserved_cidr_blocks=["172.16.1.64/27"]
    )
    body = sdk.create_eni(**ok(fake_ecs, VSwitchId=vsw.vswitch_id, Ipv4PrefixCount=2))
    got = {p["Ipv4Prefix"] for p in body["Ipv4PrefixSets"]["Ipv4PrefixSet"]}
    assert got == {"172.16.1.64/28", "172.16.1.80/28"}
    err = failure(sdk, **ok(fake_ecs, VSwitchId=vsw.vswitch_id, Ipv4PrefixCount=1))
    assert err.code == "InvalidVSwitchId.IpPrefixNotEnough"


def test_ipv6_prefixes_are_80s_of_the_64(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.default_vswitch.enable_ipv6(IPV6_CIDR)
    body = sdk.create_eni(**ok(fake_ecs, Ipv6PrefixCount=2, Ipv6AddressCount=2))
    prefixes = [IPNetwork(p["Ipv6Prefix"]) for p in body["Ipv6PrefixSets"]["Ipv6PrefixSet"]]
    assert len(prefixes) == 2 and prefixes[0] != prefixes[1]
    for prefix in prefixes:
        assert prefix.prefixlen == 80 and prefix in IPNetwork(IPV6_CIDR)
        for entry in body["Ipv6Sets"]["Ipv6Set"]:
            assert IPAddress(entry["Ipv6Address"]) not in prefix
    err = failure(sdk, **ok(fake_ecs, Ipv6Prefix=[str(prefixes[0])]))
    assert err.code == "InvalidIp.IpPrefixNotAvailable"
    fake_ecs.cloud.check_invariants()


def test_traffic_queue_and_tracking_settings_are_stored(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(
        fake_ecs, QueueNumber=8, NetworkInterfaceTrafficMode="HighPerformance", QueuePairNumber=4,
        TxQueueSize=16384, RxQueueSize=16384, SourceDestCheck=True, Visible=True,
        ConnectionTrackingConfiguration={"TcpEstablishedTimeout": 910,
                                         "TcpClosedAndTimeWaitTimeout": 3, "UdpTimeout": 30},
        EnhancedNetwork={"EnableSriov": True},
    ))  # fmt: skip
    attrs = fake_ecs.enis[0].attributes
    assert attrs["QueueNumber"] == 8 and attrs["QueuePairNumber"] == 4
    assert attrs["NetworkInterfaceTrafficMode"] == "HighPerformance"
    assert attrs["TxQueueSize"] == attrs["RxQueueSize"] == 16384
    assert attrs["SourceDestCheck"] is True and attrs["Visible"] is True
    assert attrs["ConnectionTrackingConfiguration"] == {
        "TcpEstablishedTimeout": 910, "TcpClosedAndTimeWaitTimeout": 3, "UdpTimeout": 30
    }  # fmt: skip
    assert attrs["EnhancedNetwork"] == {"EnableSriov": True}


def test_traffic_config_object_is_checked_like_the_top_level(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(fake_ecs, NetworkInterfaceTrafficConfig={
        "QueueNumber": 4, "NetworkInterfaceTrafficMode": "HighPerformance", "QueuePairNumber": 2}))  # fmt: skip
    assert fake_ecs.enis[0].attributes["QueuePairNumber"] == 2
    err = failure(sdk, **ok(fake_ecs, NetworkInterfaceTrafficConfig={"QueueNumber": 0}))
    assert err.code == "InvalidParameter.InvalidEniQueueNumber"
    assert err.message == 'The specified parameter QueueNumber "0" is not valid.'
    err = failure(sdk, **ok(fake_ecs, NetworkInterfaceTrafficConfig={"TxQueueSize": 8192}))
    assert err.code == "InvalidParameter.EniQueueSize"


@pytest.mark.parametrize(("field", "bad", "bounds"), [
    ("TcpEstablishedTimeout", 31, "between 30 and 910"),
    ("TcpClosedAndTimeWaitTimeout", 16, "between 3 and 15"),
    ("UdpTimeout", 11, "between 10 and 100"),
])  # fmt: skip
def test_connection_tracking_ranges(
    fake_ecs: FakeEcs, sdk: Any, field: str, bad: int, bounds: str
) -> None:
    err = failure(sdk, **ok(fake_ecs, ConnectionTrackingConfiguration={field: bad}))
    assert err.code == "InvalidParameter.EniConnectionTrackingConfiguration"
    assert f'"{field}" must be {bounds}' in err.message


def test_resource_group(fake_ecs: FakeEcs, sdk: Any) -> None:
    group = fake_ecs.add_resource_group("team")
    assert (
        sdk.create_eni(**ok(fake_ecs, ResourceGroupId=group.resource_group_id))["ResourceGroupId"]
        == group.resource_group_id
    )
    body = sdk.create_eni(**ok(fake_ecs))
    assert body["ResourceGroupId"] == fake_ecs.default_resource_group_id


def test_security_group_limits_count_members(fake_ecs: FakeEcs, sdk: Any) -> None:
    sg = fake_ecs.add_security_group(fake_ecs.default_vpc.vpc_id, max_instances=2)
    sdk.create_eni(**ok(fake_ecs, SecurityGroupId=sg.security_group_id))
    sdk.create_eni(**ok(fake_ecs, SecurityGroupId=sg.security_group_id))
    err = failure(sdk, **ok(fake_ecs, SecurityGroupId=sg.security_group_id))
    assert (err.code, err.status) == ("SecurityGroupInstanceLimitExceed", 403)
    enterprise = [fake_ecs.add_security_group(fake_ecs.default_vpc.vpc_id, type="enterprise")
                  for _ in range(2)]  # fmt: skip
    sdk.create_eni(**ok(fake_ecs, SecurityGroupId=None,
                        SecurityGroupIds=[g.security_group_id for g in enterprise]))  # fmt: skip


def test_vswitch_status_can_change(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.1.0/24", status="Pending")
    err = failure(sdk, **ok(fake_ecs, VSwitchId=vsw.vswitch_id))
    # The service's wording on create names no state (docs/observed-behaviour.md).
    assert err.code == "IncorrectVSwitchStatus"
    assert err.message == "The current status of vSwitch does not support this operation."
    vsw.status = "Available"
    sdk.create_eni(**ok(fake_ecs, VSwitchId=vsw.vswitch_id))


def test_region_flags_through_add_region(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.add_region("cn-hangzhou", ip_prefix=False)
    assert failure(sdk, **ok(fake_ecs, Ipv4PrefixCount=1)).status == 500
    with pytest.raises(TypeError):
        fake_ecs.add_region("cn-hangzhou", warp_drive=True)


def test_named_ipv6_address_inside_a_named_prefix(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.default_vswitch.enable_ipv6(IPV6_CIDR)
    request = ok(fake_ecs, Ipv6Address=["2408:4005:3d8:3c00:1::5"],
                 Ipv6Prefix=["2408:4005:3d8:3c00:1::/80"])  # fmt: skip
    assert failure(sdk, **request).code == "InvalidIp.IpPrefixNotAvailable"
    fake_ecs.cloud.check_invariants()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_mix_never_overlaps(fake_ecs: FakeEcs, tea: Any, seed: int) -> None:
    import random

    rng = random.Random(seed)
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.1.0/25",
                               ipv6_cidr_block=IPV6_CIDR)  # fmt: skip
    for _ in range(40):
        extra: dict[str, Any] = rng.choice([
            {"SecondaryPrivateIpAddressCount": rng.randint(1, 5)},
            {"Ipv4PrefixCount": rng.randint(1, 2)},
            {"Ipv4Prefix": [f"172.16.1.{16 * rng.randint(0, 7)}/28"]},
            {"PrimaryIpAddress": f"172.16.1.{rng.randint(1, 124)}"},
            {"Ipv6AddressCount": rng.randint(1, 3), "Ipv6PrefixCount": rng.randint(0, 1) or None},
        ])  # fmt: skip
        try:
            tea.create_eni(**ok(fake_ecs, VSwitchId=vsw.vswitch_id, **extra))
        except ApiFailure as err:
            assert err.status in (400, 403, 404), err
    held: set[int] = set()
    for eni in fake_ecs.enis:
        mine = [int(IPAddress(a)) for a in eni.private_ip_addresses]
        for prefix in eni.ipv4_prefixes:
            mine += list(range(IPNetwork(prefix).first, IPNetwork(prefix).last + 1))
        assert not held & set(mine)
        held |= set(mine)
    assert vsw.available_ip_count == 128 - 4 - len(held)
    assert any(e.ipv4_prefixes for e in fake_ecs.enis) and any(
        e.ipv6_prefixes for e in fake_ecs.enis
    )
    assert any(c.error_code for c in fake_ecs.calls)  # the vSwitch filled up on the way
    fake_ecs.cloud.check_invariants()
