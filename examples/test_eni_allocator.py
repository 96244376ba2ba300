"""Testing the example application against the fake, through the real Tea SDK."""

from __future__ import annotations

import pytest
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config

from examples.eni_allocator import EniAllocator, NoCapacity
from pytest_fake_eni import FakeEcs


@pytest.fixture
def allocator(fake_ecs: FakeEcs) -> EniAllocator:
    vpc = fake_ecs.default_vpc.vpc_id
    small = fake_ecs.add_vswitch(vpc, "172.16.10.0/24", available_ip_count=2)
    big = fake_ecs.add_vswitch(vpc, "172.16.11.0/24")
    client = Client(Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou"))
    return EniAllocator(
        client,
        "cn-hangzhou",
        [small.vswitch_id, big.vswitch_id],
        fake_ecs.default_security_group.security_group_id,
        sleep=lambda _: None,
    )


def test_creates_in_the_first_vswitch(fake_ecs: FakeEcs, allocator: EniAllocator) -> None:
    body = allocator.create("web-1")
    eni = fake_ecs.assert_eni_created(name="web-1", vswitch_id=allocator.vswitch_ids[0])
    assert body.network_interface_id == eni.network_interface_id
    assert body.private_ip_address.startswith("172.16.10.")


def test_falls_back_when_a_vswitch_is_full(fake_ecs: FakeEcs, allocator: EniAllocator) -> None:
    allocator.create("eni-a")
    allocator.create("eni-b")  # the small vSwitch is now full
    body = allocator.create("eni-c")
    assert body.v_switch_id == allocator.vswitch_ids[1]
    fake_ecs.assert_called("CreateNetworkInterface", times=4)  # c was tried on both
    assert fake_ecs.calls[-2].error_code == "InvalidVSwitchId.IpNotEnough"


def test_secondary_addresses_that_do_not_fit_go_to_the_next_vswitch(
    fake_ecs: FakeEcs, allocator: EniAllocator
) -> None:
    body = allocator.create("wide", secondary_ips=5)
    assert body.v_switch_id == allocator.vswitch_ids[1]
    assert len(body.private_ip_sets.private_ip_set) == 6
    assert fake_ecs.enis[0].vswitch_id == allocator.vswitch_ids[1]


def test_no_capacity_anywhere(fake_ecs: FakeEcs, allocator: EniAllocator) -> None:
    for vswitch_id in allocator.vswitch_ids:
        fake_ecs.cloud.vswitches[vswitch_id].available_ip_count = 0
    with pytest.raises(NoCapacity):
        allocator.create("none")
    fake_ecs.assert_no_eni_created()


def test_other_errors_are_not_swallowed(fake_ecs: FakeEcs, allocator: EniAllocator) -> None:
    allocator.security_group_id = "sg-missing"
    with pytest.raises(ClientException) as failure:
        allocator.create("eni-x")
    assert failure.value.code == "InvalidSecurityGroupId.NotFound"
    fake_ecs.assert_called("CreateNetworkInterface", times=1)
