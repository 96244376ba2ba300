"""The EIP simulator on its own: pools, invariants, and a random walk through the SDK."""

from __future__ import annotations

import random
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.cloud import eips
from pytest_fake_eni.cloud.eips import EipRequest, Target
from pytest_fake_eni.errors import EcsError
from tests.drivers import ApiFailure, create_in_defaults
from tests.lifecycle_drivers import ecs, vpc


def test_a_fresh_fake_allocates_from_the_documentation_range() -> None:
    fake = FakeEcs()
    eip = eips.allocate(fake.cloud, EipRequest(fake.region_id))
    assert eip.ip_address == "203.0.113.0"
    assert fake.cloud.tags.entry(eip.allocation_id).resource_type == "EIP"  # type: ignore[union-attr]
    fake.cloud.check_invariants()


def test_an_added_pool_replaces_the_default_for_new_eips() -> None:
    fake = FakeEcs()
    old = eips.allocate(fake.cloud, EipRequest(fake.region_id))
    fake.add_public_ip_pool("198.51.100.16/31")
    fresh = [eips.allocate(fake.cloud, EipRequest(fake.region_id)) for _ in range(2)]
    assert [e.ip_address for e in fresh] == ["198.51.100.16", "198.51.100.17"]
    with pytest.raises(EcsError) as err:
        eips.allocate(fake.cloud, EipRequest(fake.region_id))
    assert err.value.code == "OperationFailed.InsufficientEIP"
    eips.release(fake.cloud, fake.region_id, old.allocation_id)  # back to the default pool
    assert fake.cloud.eips.pools[0].taken_count == 0
    fake.cloud.check_invariants()


@pytest.mark.parametrize(
    ("cidr", "complaint"),
    [
        ("not-a-cidr", "not an IPv4 CIDR block"),
        ("198.51.100.1/24", "host bits set"),
    ],
)
def test_a_bad_pool_says_what_is_wrong(cidr: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        FakeEcs().add_public_ip_pool(cidr)


def test_overlapping_pools_are_refused() -> None:
    fake = FakeEcs()
    fake.add_public_ip_pool("198.51.100.0/24")
    with pytest.raises(ValueError, match="overlaps"):
        fake.add_public_ip_pool("198.51.100.128/25")


def test_invariants_catch_a_public_address_held_twice() -> None:
    fake = FakeEcs()
    first = eips.allocate(fake.cloud, EipRequest(fake.region_id))
    second = eips.allocate(fake.cloud, EipRequest(fake.region_id))
    second.ip_address = first.ip_address
    with pytest.raises(AssertionError, match="held by"):
        fake.cloud.check_invariants()


def test_invariants_catch_an_eip_pointing_at_a_missing_address() -> None:
    fake = FakeEcs()
    instance = fake.add_instance()
    eip = eips.allocate(fake.cloud, EipRequest(fake.region_id))
    eips.associate(fake.cloud, fake.region_id, eip.allocation_id, Target(instance.instance_id))
    fake.cloud.check_invariants()
    fake.cloud.enis[instance.primary_eni_id].private_ip_addresses[0] = "172.16.0.200"
    fake.cloud.enis[instance.primary_eni_id].primary_ip_address = "172.16.0.200"
    with pytest.raises(AssertionError, match="address not on ENI"):
        fake.cloud.check_invariants()


def test_assert_eip_associated_says_what_the_eni_holds(fake_ecs: FakeEcs, tea: Any) -> None:
    eni_id = create_in_defaults(fake_ecs, tea)["NetworkInterfaceId"]
    with pytest.raises(AssertionError, match="holds none"):
        fake_ecs.assert_eip_associated(eni_id)
    fake_ecs.transition_delay = 3
    allocation_id = vpc(tea, "AllocateEipAddress")["AllocationId"]
    vpc(
        tea,
        "AssociateEipAddress",
        AllocationId=allocation_id,
        InstanceType="NetworkInterface",
        InstanceId=eni_id,
    )
    with pytest.raises(AssertionError, match="Associating"):
        fake_ecs.assert_eip_associated(eni_id)
    fake_ecs.clock.advance(3)
    assert fake_ecs.assert_eip_associated(eni_id).allocation_id == allocation_id
    with pytest.raises(AssertionError, match="no ENI"):
        fake_ecs.assert_eip_associated("eni-nothere")


def test_reset_forgets_every_eip(fake_ecs: FakeEcs, tea: Any) -> None:
    vpc(tea, "AllocateEipAddress")
    fake_ecs.reset()
    assert vpc(tea, "DescribeEipAddresses")["TotalCount"] == 0


def test_a_random_walk_keeps_every_invariant(fake_ecs: FakeEcs, tea: Any) -> None:
    """Allocate, associate, unassociate, release, unassign and delete in random order,
    with transitions under way: whatever is refused, nothing is lost or held twice."""
    rng = random.Random(19)
    fake_ecs.add_public_ip_pool("198.51.100.0/29")
    fake_ecs.transition_delay = 2
    enis = [
        str(
            create_in_defaults(fake_ecs, tea, SecondaryPrivateIpAddressCount=2)[
                "NetworkInterfaceId"
            ]
        )
        for _ in range(3)
    ]
    codes: set[str] = set()
    for _ in range(150):
        held = list(fake_ecs.cloud.eips.eips)
        slot = rng.randrange(len(enis))
        if enis[slot] not in fake_ecs.cloud.enis:  # deleted: a new ENI takes its place
            body = create_in_defaults(fake_ecs, tea, SecondaryPrivateIpAddressCount=2)
            enis[slot] = str(body["NetworkInterfaceId"])
        eni_id = enis[slot]
        eni = fake_ecs.cloud.enis.get(eni_id)
        ips = eni.private_ip_addresses if eni else ["172.16.0.1"]
        steps: list[tuple[str, str, dict[str, Any]]] = [("vpc", "AllocateEipAddress", {})]
        if held:
            some = rng.choice(held)
            steps += [
                (
                    "vpc",
                    "AssociateEipAddress",
                    {
                        "AllocationId": some,
                        "InstanceType": "NetworkInterface",
                        "InstanceId": eni_id,
                        "PrivateIpAddress": rng.choice(ips),
                    },
                ),
                ("vpc", "UnassociateEipAddress", {"AllocationId": some}),
                ("vpc", "ReleaseEipAddress", {"AllocationId": some}),
            ]
        if eni is not None and len(ips) > 1:
            steps.append(
                (
                    "ecs",
                    "UnassignPrivateIpAddresses",
                    {"NetworkInterfaceId": eni_id, "PrivateIpAddress": [rng.choice(ips[1:])]},
                )
            )
        if rng.random() < 0.15:
            steps = [("ecs", "DeleteNetworkInterface", {"NetworkInterfaceId": eni_id})]
        product, action, params = rng.choice(steps)
        try:
            (vpc if product == "vpc" else ecs)(tea, action, **params)
        except ApiFailure as failure:
            codes.add(failure.code)
            assert failure.status < 500, failure.message
        fake_ecs.clock.advance(rng.choice([0, 1, 2]))
        fake_ecs.cloud.check_invariants()
    assert {"TaskConflict", "IncorrectEipStatus", "InvalidOperation.InvalidEniState"} <= codes
