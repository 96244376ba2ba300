"""Testing the example application against the fake, through the real Tea SDK."""

from __future__ import annotations

import pytest
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.exceptions import (
    ClientException,
    ServerException,
    ThrottlingException,
)
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


# -- failure paths, one line of set-up per fault ------------------------------------------

CREATE = "CreateNetworkInterface"


def test_a_lost_response_is_retried_with_the_same_token(
    fake_ecs: FakeEcs, allocator: EniAllocator
) -> None:
    fake_ecs.inject_error(CREATE, "InternalError", after_effect=True)  # created, answer lost
    body = allocator.create("web-1")
    eni = fake_ecs.assert_eni_created(name="web-1")  # exactly one, not two
    assert body.network_interface_id == eni.network_interface_id
    first, retry = fake_ecs.calls_to(CREATE)
    assert (first.status_code, first.injected, retry.status_code) == (500, True, 200)
    assert first.params["ClientToken"] == retry.params["ClientToken"] == eni.client_token


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(code, marks=pytest.mark.fake_ecs_error(CREATE, code, times=2), id=code)
        for code in ("InternalError", "Throttling", "ServiceUnavailable")
    ],
)
def test_transient_errors_are_retried(
    fake_ecs: FakeEcs, allocator: EniAllocator, code: str
) -> None:
    allocator.create("web-1")
    fake_ecs.assert_eni_created(name="web-1")
    # A 5xx before the effect spends the token: the retry after it meets IdempotentFailed
    # and goes again with a new token.
    spent = ["IdempotentFailed"] if code != "Throttling" else []
    assert [c.error_code for c in fake_ecs.calls] == [code, code, *spent, None]
    fake_ecs.assert_all_faults_used()


@pytest.mark.fake_ecs_error(CREATE, "InternalError", times=None)
def test_retries_give_up_after_three_attempts(fake_ecs: FakeEcs, allocator: EniAllocator) -> None:
    with pytest.raises(ServerException) as failure:
        allocator.create("web-1")
    assert failure.value.code == "InternalError"
    fake_ecs.assert_called(CREATE, times=3)
    fake_ecs.assert_no_eni_created()


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(code, marks=pytest.mark.fake_ecs_error(CREATE, code), id=code)
        for code in ("InvalidVSwitchId.IpNotEnough", "QuotaExceeded.PrivateIpAddress")
    ],
)
def test_a_full_vswitch_falls_back_to_the_next(
    fake_ecs: FakeEcs, allocator: EniAllocator, code: str
) -> None:
    body = allocator.create("web-1")
    assert body.v_switch_id == allocator.vswitch_ids[1]
    fake_ecs.assert_called(CREATE, times=1, VSwitchId=allocator.vswitch_ids[0])
    fake_ecs.assert_eni_created(name="web-1", vswitch_id=allocator.vswitch_ids[1])


def test_fallback_only_for_the_vswitch_that_is_full(
    fake_ecs: FakeEcs, allocator: EniAllocator
) -> None:
    small = allocator.vswitch_ids[0]
    fake_ecs.inject_error(
        CREATE, "InvalidVSwitchId.IpNotEnough", times=None, when=lambda p: p["VSwitchId"] == small
    )
    for name in ("eni-a", "eni-b", "eni-c"):
        assert allocator.create(name).v_switch_id == allocator.vswitch_ids[1]
    assert len(fake_ecs.enis) == 3


def test_throttling_backs_off_on_the_fake_clock(fake_ecs: FakeEcs, allocator: EniAllocator) -> None:
    fake_ecs.rate_limit(CREATE, calls=2, per_seconds=0.5)
    allocator.sleep = fake_ecs.clock.advance  # the back-off moves the fake's clock: no sleeping
    for name in ("eni-a", "eni-b", "eni-c", "eni-d"):
        allocator.create(name)
    assert len(fake_ecs.enis) == 4
    codes = [c.error_code for c in fake_ecs.calls]
    assert codes[:4] == [None, None, "Throttling", "Throttling"]  # then the third attempt passed


def test_a_back_off_shorter_than_the_window_gives_up(
    fake_ecs: FakeEcs, allocator: EniAllocator
) -> None:
    fake_ecs.rate_limit(CREATE, calls=2, per_seconds=1)
    allocator.sleep = fake_ecs.clock.advance
    allocator.create("eni-a")
    allocator.create("eni-b")
    # 0.2 s + 0.4 s of back-off is not enough; the header makes Tea raise its own class.
    with pytest.raises(ThrottlingException) as failure:
        allocator.create("eni-c")
    assert failure.value.code == "Throttling"
    assert fake_ecs.clock.monotonic() >= 0.6


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(code, marks=pytest.mark.fake_ecs_error(CREATE, code), id=code)
        for code in ("InvalidSecurityGroupId.NotFound", "MaxEniCountExceeded", "Forbidden.RAM")
    ],
)
def test_other_errors_surface_unretried(
    fake_ecs: FakeEcs, allocator: EniAllocator, code: str
) -> None:
    with pytest.raises(ClientException) as failure:
        allocator.create("web-1")
    assert failure.value.code == code
    fake_ecs.assert_called(CREATE, times=1)
    fake_ecs.assert_no_eni_created()


def test_a_network_failure_is_not_retried_by_this_app(
    fake_ecs: FakeEcs, allocator: EniAllocator
) -> None:
    from darabonba.exceptions import UnretryableException

    fake_ecs.inject_transport_error(CREATE, "timeout")
    with pytest.raises(UnretryableException):  # what Tea raises for a timeout
        allocator.create("web-1")
    fake_ecs.assert_no_eni_created()


@pytest.mark.fake_ecs_error(CREATE, "InternalError", after_effect=True)
def test_legacy_sdk_duplicates_an_eni_after_a_lost_response(fake_ecs: FakeEcs) -> None:
    """The legacy SDK retries CreateNetworkInterface on InternalError itself, without a token."""
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkecs.request.v20140526.CreateNetworkInterfaceRequest import (
        CreateNetworkInterfaceRequest,
    )

    request = CreateNetworkInterfaceRequest()
    request.set_VSwitchId(fake_ecs.default_vswitch.vswitch_id)
    request.set_SecurityGroupId(fake_ecs.default_security_group.security_group_id)
    AcsClient("ak", "sk", "cn-hangzhou").do_action_with_exception(request)  # "succeeds"
    assert len(fake_ecs.enis) == 2  # but one ENI leaked: pass a ClientToken yourself
    fake_ecs.assert_called(CREATE, times=2)
