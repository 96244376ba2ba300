"""The simulator's invariant check catches what it claims to, and the SG quota holds."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure


def _create(fake: FakeEcs, sdk: Any, groups: list[str]) -> dict[str, Any]:
    return sdk.create_eni(VSwitchId=fake.default_vswitch.vswitch_id, SecurityGroupIds=groups)


def test_security_groups_per_eni_quota(fake_ecs: FakeEcs, sdk: Any) -> None:
    vpc = fake_ecs.default_vpc.vpc_id
    groups = [fake_ecs.add_security_group(vpc).security_group_id for _ in range(6)]
    with pytest.raises(ApiFailure) as failure:
        _create(fake_ecs, sdk, groups)
    assert (failure.value.code, failure.value.status) == ("JoinedGroupLimitExceed", 400)
    assert "the limit is 5" in failure.value.message
    fake_ecs.assert_no_eni_created()
    fake_ecs.quotas.max_security_groups_per_eni = 6
    body = _create(fake_ecs, sdk, groups)
    assert body["SecurityGroupIds"]["SecurityGroupId"] == groups
    fake_ecs.cloud.check_invariants()


@pytest.fixture
def two_enis(fake_ecs: FakeEcs, tea: Any) -> FakeEcs:
    for _ in range(2):
        _create(fake_ecs, tea, [fake_ecs.default_security_group.security_group_id])
    fake_ecs.cloud.check_invariants()
    return fake_ecs


def test_a_lowered_eni_quota_is_reported_unless_waived(two_enis: FakeEcs) -> None:
    two_enis.quotas.max_enis_per_region = 1
    with pytest.raises(AssertionError, match="2 ENIs"):
        two_enis.cloud.check_invariants()
    two_enis.cloud.check_invariants(quotas=False)


def test_a_duplicate_mac_is_caught(two_enis: FakeEcs) -> None:
    first, second = two_enis.enis
    second.mac_address = first.mac_address
    with pytest.raises(AssertionError, match=first.mac_address):
        two_enis.cloud.check_invariants()


def test_an_address_not_marked_taken_is_caught(two_enis: FakeEcs) -> None:
    ledger = two_enis.default_vswitch.ledger
    address = two_enis.enis[0].primary_ip_address
    ledger.release([ledger.parse(address) or 0])
    with pytest.raises(AssertionError, match="not marked taken"):
        two_enis.cloud.check_invariants()


def test_an_address_held_twice_is_caught(two_enis: FakeEcs) -> None:
    first, second = two_enis.enis
    second.private_ip_addresses = [first.primary_ip_address]
    second.primary_ip_address = first.primary_ip_address
    with pytest.raises(AssertionError, match="held by"):
        two_enis.cloud.check_invariants()


def test_a_group_of_another_vpc_is_caught(two_enis: FakeEcs) -> None:
    other = two_enis.add_security_group(two_enis.add_vpc("10.0.0.0/8").vpc_id)
    two_enis.enis[0].security_group_ids = [other.security_group_id]
    with pytest.raises(AssertionError, match="group"):
        two_enis.cloud.check_invariants()


def test_the_public_check_sees_what_the_simulator_sees(two_enis: FakeEcs) -> None:
    """``FakeEcs.check_invariants`` is the simulator's check, quotas waivable the same way."""
    two_enis.check_invariants()
    two_enis.quotas.max_enis_per_region = 1
    with pytest.raises(AssertionError, match="2 ENIs"):
        two_enis.check_invariants()
    two_enis.check_invariants(quotas=False)
    eni = two_enis.enis[0]
    eni.private_ip_addresses.append(two_enis.enis[1].primary_ip_address)  # held twice
    with pytest.raises(AssertionError, match="held by"):
        two_enis.check_invariants(quotas=False)
