"""The address ledger: reserved addresses, no double allocation, capacity, cost."""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.cloud.ipam import AddressLedger
from tests.drivers import ApiFailure


def test_first_and_last_three_are_reserved() -> None:
    ledger = AddressLedger("192.168.1.0/24")
    assert ledger.usable == ledger.available == 252
    got = [AddressLedger.text(a) for a in ledger.take([], 252)]
    assert len(set(got)) == 252
    assert {"192.168.1.0", "192.168.1.253", "192.168.1.254", "192.168.1.255"}.isdisjoint(got)
    assert ledger.available == 0


def test_released_addresses_are_handed_out_again_never_twice() -> None:
    ledger = AddressLedger("10.0.0.0/29")  # 8 addresses, 4 usable
    first = ledger.take([], 4)
    ledger.release(first[1:3])
    again = ledger.take([], 2)
    assert sorted(again) == sorted(first[1:3])
    assert ledger.available == 0
    ledger.release([first[0], first[0]])  # releasing twice changes nothing
    assert ledger.available == 1
    assert ledger.take([], 1) == [first[0]]


def test_explicit_addresses_ahead_of_the_cursor_are_skipped() -> None:
    ledger = AddressLedger("10.0.0.0/28")
    explicit = ledger.parse("10.0.0.2")
    assert explicit is not None
    ledger.take([explicit], 0)
    rest = ledger.take([], ledger.available)
    assert explicit not in rest and len(set(rest)) == len(rest) == 11


def test_available_ip_count_caps_allocation() -> None:
    ledger = AddressLedger("10.0.0.0/16", available_ip_count=3)
    assert ledger.available == 3
    ledger.take([], 3)
    assert ledger.available == 0
    ledger.available = 2
    assert ledger.available == 2


def test_a_16_builds_no_per_address_objects() -> None:
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    ledger = AddressLedger("10.0.0.0/16")
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert ledger.usable == 65532
    assert grown < 64 * 1024  # a set or list of 65,532 ints would be megabytes


def test_parse_accepts_only_dotted_quads() -> None:
    ledger = AddressLedger("10.0.0.0/24")
    assert ledger.parse("10.0.0.5") is not None
    for bad in ["10.0.0", "10.0.0.256", "010.0.0.5", "::1", "", "abc", "10.0.0.5/32"]:
        assert ledger.parse(bad) is None, bad


def test_a_full_vswitch_through_the_sdk(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.1.0/29")
    sg = fake_ecs.default_security_group.security_group_id
    bodies = [sdk.create_eni(VSwitchId=vsw.vswitch_id, SecurityGroupId=sg) for _ in range(4)]
    got = sorted(b["PrivateIpAddress"] for b in bodies)
    assert got == ["172.16.1.1", "172.16.1.2", "172.16.1.3", "172.16.1.4"]
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(VSwitchId=vsw.vswitch_id, SecurityGroupId=sg)
    assert (failure.value.code, failure.value.status) == ("InvalidVSwitchId.IpNotEnough", 403)
    assert vsw.vswitch_id in failure.value.message
    assert vsw.available_ip_count == 0


def test_all_or_nothing_when_secondaries_do_not_fit(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.2.0/24", available_ip_count=3)
    sg = fake_ecs.default_security_group.security_group_id
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(VSwitchId=vsw.vswitch_id, SecurityGroupId=sg, SecondaryPrivateIpAddressCount=3)  # fmt: skip
    assert failure.value.code == "InvalidVSwitchId.IpNotEnough"
    assert vsw.available_ip_count == 3 and fake_ecs.enis == []
    body = sdk.create_eni(VSwitchId=vsw.vswitch_id, SecurityGroupId=sg, SecondaryPrivateIpAddressCount=2)  # fmt: skip
    assert len(body["PrivateIpSets"]["PrivateIpSet"]) == 3
    assert vsw.available_ip_count == 0
    fake_ecs.cloud.check_invariants()


def test_vswitch_cidr_rules(fake_ecs: FakeEcs) -> None:
    vpc = fake_ecs.add_vpc("10.0.0.0/8")
    with pytest.raises(ValueError, match="/16 to /29"):
        fake_ecs.add_vswitch(vpc.vpc_id, "10.0.0.0/30")
    with pytest.raises(ValueError, match="/16 to /29"):
        fake_ecs.add_vswitch(vpc.vpc_id, "10.0.0.0/15")
    with pytest.raises(ValueError, match="inside"):
        fake_ecs.add_vswitch(vpc.vpc_id, "192.168.0.0/24")
    with pytest.raises(ValueError, match="host bits"):
        fake_ecs.add_vswitch(vpc.vpc_id, "10.0.0.1/24")
    fake_ecs.add_vswitch(vpc.vpc_id, "10.1.0.0/16")
    with pytest.raises(ValueError, match="overlaps"):
        fake_ecs.add_vswitch(vpc.vpc_id, "10.1.5.0/24")
