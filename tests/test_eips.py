"""Elastic IP addresses on ENIs, through the VPC SDKs and read back through the ECS SDKs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure, create_in_defaults
from tests.lifecycle_drivers import describe, ecs, vpc


def allocate(sdk: Any, **params: Any) -> dict[str, Any]:
    return vpc(sdk, "AllocateEipAddress", **params)


def eip_of(sdk: Any, allocation_id: str) -> dict[str, Any]:
    body = vpc(sdk, "DescribeEipAddresses", AllocationId=allocation_id)
    (item,) = body["EipAddresses"]["EipAddress"]
    return dict(item)


def associate_eni(sdk: Any, allocation_id: str, eni_id: str, **params: Any) -> None:
    vpc(
        sdk,
        "AssociateEipAddress",
        AllocationId=allocation_id,
        InstanceType="NetworkInterface",
        InstanceId=eni_id,
        **params,
    )


def refused(call: Any, *args: Any, **params: Any) -> tuple[str, int]:
    with pytest.raises(ApiFailure) as failure:
        call(*args, **params)
    return failure.value.code, failure.value.status


def create(fake: FakeEcs, sdk: Any, **params: Any) -> str:
    """A new ENI in the default vSwitch and group: its id."""
    return str(create_in_defaults(fake, sdk, **params)["NetworkInterfaceId"])


def eni_with_secondary(fake: FakeEcs, sdk: Any) -> tuple[str, str]:
    """A new ENI with one secondary address: its id and that address."""
    eni_id = create(fake, sdk, SecondaryPrivateIpAddressCount=1)
    (item,) = describe(sdk, NetworkInterfaceId=[eni_id])
    secondary = next(s for s in item["PrivateIpSets"]["PrivateIpSet"] if not s["Primary"])
    return eni_id, str(secondary["PrivateIpAddress"])


def test_eip_on_a_secondary_address_full_cycle(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.transition_delay = 5
    eni_id, secondary = eni_with_secondary(fake_ecs, sdk)
    body = allocate(sdk, Bandwidth="10", InternetChargeType="PayByTraffic", Name="web")
    allocation_id, address = body["AllocationId"], body["EipAddress"]
    assert allocation_id.startswith("eip-") and address.startswith("203.0.113.")
    assert body["ResourceGroupId"] == fake_ecs.default_resource_group_id
    assert eip_of(sdk, allocation_id)["Status"] == "Available"

    associate_eni(sdk, allocation_id, eni_id, PrivateIpAddress=secondary)
    assert eip_of(sdk, allocation_id)["Status"] == "Associating"
    # Between states every other change is refused with the documented conflict codes.
    for action, code in (
        ("UnassociateEipAddress", "TaskConflict"),
        ("ReleaseEipAddress", "IncorrectEipStatus"),
        ("ModifyEipAddressAttribute", "IncorrectEipStatus"),
    ):
        assert refused(vpc, sdk, action, AllocationId=allocation_id) == (code, 400)
    fake_ecs.clock.advance(5)
    item = eip_of(sdk, allocation_id)
    assert (item["Status"], item["InstanceType"], item["InstanceId"]) == (
        "InUse",
        "NetworkInterface",
        eni_id,
    )
    assert item["PrivateIpAddress"] == secondary
    assert fake_ecs.assert_eip_associated(eni_id, secondary).ip_address == address

    # Both ENI describe calls carry it on the secondary address, not on the ENI's primary.
    (listed,) = describe(sdk, NetworkInterfaceId=[eni_id])
    one = ecs(sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=eni_id)
    for eni in (listed, one):
        assert eni["AssociatedPublicIp"] == {}
        by_ip = {s["PrivateIpAddress"]: s for s in eni["PrivateIpSets"]["PrivateIpSet"]}
        assert by_ip[secondary]["AssociatedPublicIp"] == {
            "PublicIpAddress": address,
            "AllocationId": allocation_id,
        }
        primary = next(s for s in by_ip.values() if s["Primary"])
        assert primary["AssociatedPublicIp"] == {}

    # Associated: it cannot be released, nor can what holds it go.
    assert refused(vpc, sdk, "ReleaseEipAddress", AllocationId=allocation_id) == (
        "IncorrectEipStatus",
        400,
    )
    assert refused(
        ecs,
        sdk,
        "UnassignPrivateIpAddresses",
        NetworkInterfaceId=eni_id,
        PrivateIpAddress=[secondary],
    ) == ("InvalidOperation.InvalidEniState", 400)
    assert refused(ecs, sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id) == (
        "InvalidOperation.InvalidEniState",
        400,
    )
    fake_ecs.cloud.check_invariants()

    # Tear down in order: unassociate, wait, release, unassign, delete.
    vpc(sdk, "UnassociateEipAddress", AllocationId=allocation_id, InstanceId=eni_id)
    assert eip_of(sdk, allocation_id)["Status"] == "Unassociating"
    assert refused(
        vpc,
        sdk,
        "AssociateEipAddress",
        AllocationId=allocation_id,
        InstanceType="NetworkInterface",
        InstanceId=eni_id,
    ) == ("TaskConflict", 400)
    fake_ecs.clock.advance(5)
    item = eip_of(sdk, allocation_id)
    assert (item["Status"], item["InstanceId"], item["PrivateIpAddress"]) == ("Available", "", "")
    vpc(sdk, "ReleaseEipAddress", AllocationId=allocation_id)
    assert vpc(sdk, "DescribeEipAddresses")["TotalCount"] == 0
    ecs(sdk, "UnassignPrivateIpAddresses", NetworkInterfaceId=eni_id, PrivateIpAddress=[secondary])
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    fake_ecs.clock.advance(5)
    assert describe(sdk, NetworkInterfaceId=[eni_id]) == []
    fake_ecs.cloud.check_invariants()


def test_without_private_ip_the_primary_address_is_used(fake_ecs: FakeEcs, sdk: Any) -> None:
    eni_id = create(fake_ecs, sdk)
    allocation_id = allocate(sdk)["AllocationId"]
    associate_eni(sdk, allocation_id, eni_id)
    one = ecs(sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=eni_id)
    assert one["AssociatedPublicIp"]["AllocationId"] == allocation_id
    primary = one["PrivateIpSets"]["PrivateIpSet"][0]
    assert primary["AssociatedPublicIp"]["AllocationId"] == allocation_id
    assert fake_ecs.assert_eip_associated(eni_id).allocation_id == allocation_id


def test_an_ecs_instance_gets_it_on_its_primary_eni(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance()
    allocation_id = allocate(sdk)["AllocationId"]
    vpc(sdk, "AssociateEipAddress", AllocationId=allocation_id, InstanceId=instance.instance_id)
    item = eip_of(sdk, allocation_id)
    assert (item["InstanceType"], item["InstanceId"]) == ("EcsInstance", instance.instance_id)
    eni = fake_ecs.assert_eip_associated(instance.primary_eni_id)
    assert eni.allocation_id == allocation_id
    found = vpc(
        sdk,
        "DescribeEipAddresses",
        AssociatedInstanceType="EcsInstance",
        AssociatedInstanceId=instance.instance_id,
    )
    assert [e["AllocationId"] for e in found["EipAddresses"]["EipAddress"]] == [allocation_id]
    second = allocate(sdk)["AllocationId"]
    assert refused(
        vpc, sdk, "AssociateEipAddress", AllocationId=second, InstanceId=instance.instance_id
    ) == ("InvalidAssociation.Duplicated", 400)


def test_releasing_an_instance_unassociates_its_eips_first(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance()
    eni_id = create(fake_ecs, sdk)
    ecs(sdk, "ModifyNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, DeleteOnRelease=True)
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    on_eni, on_instance = allocate(sdk)["AllocationId"], allocate(sdk)["AllocationId"]
    associate_eni(sdk, on_eni, eni_id)
    vpc(sdk, "AssociateEipAddress", AllocationId=on_instance, InstanceId=instance.instance_id)
    fake_ecs.release_instance(instance.instance_id)
    for allocation_id in (on_eni, on_instance):
        assert eip_of(sdk, allocation_id)["Status"] == "Available"
        vpc(sdk, "ReleaseEipAddress", AllocationId=allocation_id)
    fake_ecs.cloud.check_invariants()


def test_no_public_address_is_handed_out_twice(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.add_public_ip_pool("198.51.100.0/30")
    first = [allocate(sdk) for _ in range(4)]
    assert sorted(b["EipAddress"] for b in first) == [f"198.51.100.{i}" for i in range(4)]
    assert refused(allocate, sdk) == ("OperationFailed.InsufficientEIP", 400)
    vpc(sdk, "ReleaseEipAddress", AllocationId=first[2]["AllocationId"])
    assert allocate(sdk)["EipAddress"] == first[2]["EipAddress"]
    assert refused(allocate, sdk, IpAddress=first[0]["EipAddress"]) == ("Ip.Allocated", 400)
    fake_ecs.cloud.check_invariants()


def test_client_token_allocates_once(fake_ecs: FakeEcs, sdk: Any) -> None:
    once = allocate(sdk, ClientToken="t-1", Bandwidth="5")
    again = allocate(sdk, ClientToken="t-1", Bandwidth="5")
    assert (again["AllocationId"], again["EipAddress"]) == (
        once["AllocationId"],
        once["EipAddress"],
    )
    assert len(fake_ecs.cloud.eips) == 1
    assert refused(allocate, sdk, ClientToken="t-1", Bandwidth="6") == (
        "IdempotentParameterMismatch",
        400,
    )


def test_describe_filters_and_pages(fake_ecs: FakeEcs, sdk: Any) -> None:
    ids = [
        allocate(sdk, Tag=[{"Key": "team", "Value": str(i % 2)}])["AllocationId"] for i in range(5)
    ]
    eni_id = create(fake_ecs, sdk)
    vpc(
        sdk,
        "AssociateEipAddress",
        AllocationId=ids[0],
        InstanceType="NetworkInterface",
        InstanceId=eni_id,
    )
    body = vpc(sdk, "DescribeEipAddresses", PageSize=2, PageNumber=3)
    assert (body["TotalCount"], len(body["EipAddresses"]["EipAddress"])) == (5, 1)
    tagged = vpc(sdk, "DescribeEipAddresses", Tag=[{"Key": "team", "Value": "1"}])
    assert [e["AllocationId"] for e in tagged["EipAddresses"]["EipAddress"]] == [ids[1], ids[3]]
    in_use = vpc(sdk, "DescribeEipAddresses", Status="InUse")
    assert [e["AllocationId"] for e in in_use["EipAddresses"]["EipAddress"]] == [ids[0]]
    on_eni = vpc(
        sdk,
        "DescribeEipAddresses",
        AssociatedInstanceType="NetworkInterface",
        AssociatedInstanceId=eni_id,
    )
    assert on_eni["TotalCount"] == 1
    two = vpc(sdk, "DescribeEipAddresses", AllocationId=f"{ids[2]},{ids[4]}")
    assert two["TotalCount"] == 2
    address = two["EipAddresses"]["EipAddress"][0]["IpAddress"]
    assert vpc(sdk, "DescribeEipAddresses", EipAddress=address)["TotalCount"] == 1


def test_modify_changes_what_describe_shows(fake_ecs: FakeEcs, sdk: Any) -> None:
    allocation_id = allocate(sdk)["AllocationId"]
    vpc(
        sdk,
        "ModifyEipAddressAttribute",
        AllocationId=allocation_id,
        Bandwidth="50",
        Name="edge",
        Description="front door",
    )
    item = eip_of(sdk, allocation_id)
    assert (item["Bandwidth"], item["Name"], item["Description"]) == ("50", "edge", "front door")
    assert refused(
        vpc, sdk, "ModifyEipAddressAttribute", AllocationId=allocation_id, Bandwidth="501"
    ) == ("InvalidParameter", 400)


def test_the_docs_recipe_runs(fake_ecs: FakeEcs) -> None:
    page = (Path(__file__).parent.parent / "docs" / "eips.md").read_text(encoding="utf-8")
    code = page.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict[str, Any] = {}
    exec(code, scope)
    scope["test_a_secondary_ip_gets_its_own_public_ip"](fake_ecs)
    assert vpc_calls(fake_ecs) == [
        "AllocateEipAddress",
        "AssociateEipAddress",
        "UnassociateEipAddress",
        "ReleaseEipAddress",
    ]
    assert len(fake_ecs.cloud.eips) == 0


def vpc_calls(fake: FakeEcs) -> list[str]:
    return [c.action for c in fake.calls if "Eip" in c.action]
