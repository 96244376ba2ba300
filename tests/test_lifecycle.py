"""The whole ENI lifecycle against one state, through every SDK."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import create, describe, ecs, status_of, vpc


def free_count(sdk: Any, fake: FakeEcs) -> int:
    body = vpc(sdk, "DescribeVSwitches", VSwitchId=fake.default_vswitch.vswitch_id)
    return int(body["VSwitches"]["VSwitch"][0]["AvailableIpAddressCount"])


def test_full_cycle_returns_every_address(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance()
    start = free_count(sdk, fake_ecs)
    eni_id = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    assert free_count(sdk, fake_ecs) == start - 1
    (item,) = describe(sdk, NetworkInterfaceId=[eni_id])
    assert item["Status"] == "Available"
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    (item,) = describe(sdk, NetworkInterfaceId=[eni_id])
    assert (item["Status"], item["InstanceId"]) == ("InUse", instance.instance_id)
    assert item["Attachment"]["DeviceIndex"] == 1
    body = ecs(
        sdk, "AssignPrivateIpAddresses", NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=3
    )
    assigned = body["AssignedPrivateIpAddressesSet"]["PrivateIpSet"]["PrivateIpAddress"]
    assert len(assigned) == 3
    assert free_count(sdk, fake_ecs) == start - 4
    ecs(sdk, "UnassignPrivateIpAddresses", NetworkInterfaceId=eni_id, PrivateIpAddress=assigned)
    ecs(sdk, "DetachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    assert status_of(sdk, eni_id) == "Available"
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    assert status_of(sdk, eni_id) is None
    assert free_count(sdk, fake_ecs) == start
    fake_ecs.assert_no_leaked_enis()
    fake_ecs.cloud.check_invariants()


def wait_for(
    sdk: Any, fake: FakeEcs, eni_id: str, wanted: str | None, polls: int = 10
) -> list[str | None]:
    """A client's wait loop, with the fake's clock standing in for sleep."""
    seen = [status_of(sdk, eni_id)]
    while seen[-1] != wanted and len(seen) < polls:
        fake.clock.advance(2)
        seen.append(status_of(sdk, eni_id))
    return seen


def test_transitions_take_transition_delay_on_the_clock(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance()
    fake_ecs.transition_delay = 5
    eni_id = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    assert status_of(sdk, eni_id) == "Available"  # create is synchronous
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    assert wait_for(sdk, fake_ecs, eni_id, "InUse") == [
        "Attaching",
        "Attaching",
        "Attaching",
        "InUse",
    ]
    ecs(sdk, "DetachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    # Detach is accepted again while Detaching, and changes nothing.
    ecs(sdk, "DetachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    assert wait_for(sdk, fake_ecs, eni_id, "Available") == [
        "Detaching",
        "Detaching",
        "Detaching",
        "Available",
    ]
    free = fake_ecs.default_vswitch.available_ip_count
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    assert fake_ecs.default_vswitch.available_ip_count == free  # held until the ENI is gone
    fake_ecs.assert_no_leaked_enis()  # Deleting counts as deleted
    assert wait_for(sdk, fake_ecs, eni_id, None) == ["Deleting", "Deleting", "Deleting", None]
    assert fake_ecs.default_vswitch.available_ip_count == free + 1


def test_intermediate_states_refuse_other_transitions(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance()
    fake_ecs.transition_delay = 5
    eni_id = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    with pytest.raises(ApiFailure) as failure:
        ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    assert (failure.value.code, failure.value.status) == ("InvalidOperation.InvalidEniState", 400)
    assert "Attaching" in failure.value.message
    with pytest.raises(ApiFailure) as failure:
        ecs(
            sdk,
            "DetachNetworkInterface",
            NetworkInterfaceId=eni_id,
            InstanceId=instance.instance_id,
        )
    assert failure.value.code == "InvalidOperation.InvalidEniState"


def test_instances_and_their_primary_eni(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance(instance_type="ecs.g7.xlarge", max_enis=4)
    assert fake_ecs.instances == [instance]
    (primary,) = describe(sdk, InstanceId=instance.instance_id)
    assert primary["NetworkInterfaceId"] == instance.primary_eni_id
    assert (primary["Type"], primary["Status"]) == ("Primary", "InUse")
    assert primary["Attachment"]["DeviceIndex"] == 0
    with pytest.raises(ApiFailure) as failure:
        ecs(
            sdk,
            "DetachNetworkInterface",
            NetworkInterfaceId=primary["NetworkInterfaceId"],
            InstanceId=instance.instance_id,
        )
    assert (failure.value.code, failure.value.status) == (
        "InvalidOperation.DetachPrimaryEniNotAllowed",
        400,
    )
    with pytest.raises(ApiFailure) as failure:
        ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=primary["NetworkInterfaceId"])
    assert (failure.value.code, failure.value.status) == ("InvalidOperation.InvalidEniType", 403)


def test_release_instance_deletes_or_detaches(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance()
    start = fake_ecs.default_vswitch.available_ip_count
    kept = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    gone = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
        DeleteOnRelease=True,
    )
    for eni_id in (kept, gone):
        ecs(
            sdk,
            "AttachNetworkInterface",
            NetworkInterfaceId=eni_id,
            InstanceId=instance.instance_id,
        )
    fake_ecs.release_instance(instance.instance_id)
    assert fake_ecs.instances == []
    assert status_of(sdk, kept) == "Available"
    assert status_of(sdk, gone) is None
    assert describe(sdk, NetworkInterfaceId=[instance.primary_eni_id]) == []
    assert (
        fake_ecs.default_vswitch.available_ip_count == start + 1 - 1
    )  # primary back, kept holds one
    with pytest.raises(AssertionError, match=kept):
        fake_ecs.assert_no_leaked_enis()
    fake_ecs.cloud.check_invariants()


def test_eni_limit_per_instance(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance(max_enis=2)  # the primary and one more
    first, second = (
        create(
            sdk,
            VSwitchId=fake_ecs.default_vswitch.vswitch_id,
            SecurityGroupId=fake_ecs.default_security_group.security_group_id,
        )
        for _ in range(2)
    )
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=first, InstanceId=instance.instance_id)
    with pytest.raises(ApiFailure) as failure:
        ecs(
            sdk,
            "AttachNetworkInterface",
            NetworkInterfaceId=second,
            InstanceId=instance.instance_id,
        )
    assert (failure.value.code, failure.value.status) == ("EniPerInstanceLimitExceeded", 403)
    assert status_of(sdk, second) == "Available"


def test_address_limit_follows_the_instance_type(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance(max_private_ips_per_eni=3)
    eni_id = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    ecs(
        sdk, "AssignPrivateIpAddresses", NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=4
    )
    ecs(
        sdk,
        "UnassignPrivateIpAddresses",
        NetworkInterfaceId=eni_id,
        PrivateIpAddress=fake_ecs.cloud.enis[eni_id].secondary_ip_addresses[:2],
    )
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    free = fake_ecs.default_vswitch.available_ip_count
    with pytest.raises(ApiFailure) as failure:
        ecs(
            sdk,
            "AssignPrivateIpAddresses",
            NetworkInterfaceId=eni_id,
            SecondaryPrivateIpAddressCount=1,
        )
    assert (failure.value.code, failure.value.status) == ("InvalidOperation.Ipv4CountExceeded", 403)
    assert "3" in failure.value.message
    assert fake_ecs.default_vswitch.available_ip_count == free


def test_assign_named_addresses_and_client_token(fake_ecs: FakeEcs, sdk: Any) -> None:
    eni_id = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    body = ecs(
        sdk,
        "AssignPrivateIpAddresses",
        NetworkInterfaceId=eni_id,
        PrivateIpAddress=["172.16.0.200", "172.16.0.201"],
        ClientToken="tok-1",
    )
    assigned = body["AssignedPrivateIpAddressesSet"]
    assert assigned["NetworkInterfaceId"] == eni_id
    assert assigned["PrivateIpSet"]["PrivateIpAddress"] == ["172.16.0.200", "172.16.0.201"]
    free = fake_ecs.default_vswitch.available_ip_count
    again = ecs(
        sdk,
        "AssignPrivateIpAddresses",
        NetworkInterfaceId=eni_id,
        PrivateIpAddress=["172.16.0.200", "172.16.0.201"],
        ClientToken="tok-1",
    )
    assert again["AssignedPrivateIpAddressesSet"] == assigned  # a replay allocates nothing
    assert fake_ecs.default_vswitch.available_ip_count == free
    with pytest.raises(ApiFailure) as failure:
        ecs(
            sdk,
            "AssignPrivateIpAddresses",
            NetworkInterfaceId=eni_id,
            SecondaryPrivateIpAddressCount=1,
            ClientToken="tok-1",
        )
    assert (failure.value.code, failure.value.status) == ("IdempotentParameterMismatch", 400)
    (item,) = describe(sdk, NetworkInterfaceId=[eni_id])
    ips = [(s["PrivateIpAddress"], s["Primary"]) for s in item["PrivateIpSets"]["PrivateIpSet"]]
    assert ips[1:] == [("172.16.0.200", False), ("172.16.0.201", False)]
    assert ips[0][1] is True
    fake_ecs.cloud.check_invariants()


def test_modify_replaces_groups_and_sets_attributes(fake_ecs: FakeEcs, sdk: Any) -> None:
    eni_id = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    new = [
        fake_ecs.add_security_group(fake_ecs.default_vpc.vpc_id).security_group_id for _ in range(2)
    ]
    ecs(
        sdk,
        "ModifyNetworkInterfaceAttribute",
        NetworkInterfaceId=eni_id,
        SecurityGroupId=new,
        NetworkInterfaceName="renamed",
        Description="after the change",
        DeleteOnRelease=True,
        ConnectionTrackingConfiguration={"TcpEstablishedTimeout": 300, "UdpTimeout": 30},
    )
    body = ecs(
        sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=eni_id, Attribute="attachment"
    )
    assert body["SecurityGroupIds"]["SecurityGroupId"] == new
    assert (body["NetworkInterfaceName"], body["Description"]) == ("renamed", "after the change")
    assert body["DeleteOnRelease"] is True
    assert body["ConnectionTrackingConfiguration"] == {
        "TcpEstablishedTimeout": 300,
        "UdpTimeout": 30,
    }
    assert describe(sdk, SecurityGroupId=fake_ecs.default_security_group.security_group_id) == []
    assert [i["NetworkInterfaceId"] for i in describe(sdk, SecurityGroupId=new[1])] == [eni_id]


def test_attribute_renders_the_eni_in_full(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance()
    eni_id = create(
        sdk,
        VSwitchId=fake_ecs.default_vswitch.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
        Tag=[{"Key": "team", "Value": "net"}],
    )
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance.instance_id)
    body = ecs(sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=eni_id)
    (item,) = describe(sdk, NetworkInterfaceId=[eni_id])
    eni = fake_ecs.cloud.enis[eni_id]
    for fields in (body, item):
        assert fields["NetworkInterfaceId"] == eni_id
        assert fields["Status"] == "InUse"
        assert fields["Type"] == "Secondary"
        assert fields["InstanceId"] == instance.instance_id
        assert fields["Attachment"]["InstanceId"] == instance.instance_id
        assert (fields["VpcId"], fields["VSwitchId"], fields["ZoneId"]) == (
            eni.vpc_id,
            eni.vswitch_id,
            eni.zone_id,
        )
        assert fields["MacAddress"] == eni.mac_address
        assert fields["PrivateIpAddress"] == eni.primary_ip_address
        assert fields["CreationTime"] == eni.creation_time
        assert fields["OwnerId"] == fake_ecs.account_id
        assert fields["ResourceGroupId"] == eni.resource_group_id
        assert fields["Tags"]["Tag"] == [{"TagKey": "team", "TagValue": "net"}]
        assert fields["NetworkInterfaceTrafficMode"] == "Standard"
        assert fields["DeleteOnRelease"] is False
        for name in (
            "QueueNumber",
            "ServiceManaged",
            "ServiceID",
            "SourceDestCheck",
            "Ipv6Sets",
            "Ipv4PrefixSets",
            "Ipv6PrefixSets",
            "Description",
            "NetworkInterfaceName",
        ):
            assert name in fields, name


IPV6_CIDR = "2408:4005:300:1a00::/64"


def test_ipv6_and_prefixes_come_and_go(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.default_vswitch
    vsw.enable_ipv6(IPV6_CIDR)
    start = vsw.available_ip_count
    eni_id = create(
        sdk,
        VSwitchId=vsw.vswitch_id,
        SecurityGroupId=fake_ecs.default_security_group.security_group_id,
    )
    body = ecs(sdk, "AssignPrivateIpAddresses", NetworkInterfaceId=eni_id, Ipv4PrefixCount=2)
    prefixes4 = body["AssignedPrivateIpAddressesSet"]["Ipv4PrefixSet"]["Ipv4Prefixes"]
    assert len(prefixes4) == 2 and all(p.endswith("/28") for p in prefixes4)
    assert vsw.available_ip_count == start - 1 - 32
    six = ecs(
        sdk, "AssignIpv6Addresses", NetworkInterfaceId=eni_id, Ipv6AddressCount=2, ClientToken="v6"
    )
    assert six["NetworkInterfaceId"] == eni_id
    addresses6 = six["Ipv6Sets"]["Ipv6Address"]
    assert len(addresses6) == 2 and all(a.startswith("2408:4005:300:1a00:") for a in addresses6)
    again = ecs(
        sdk, "AssignIpv6Addresses", NetworkInterfaceId=eni_id, Ipv6AddressCount=2, ClientToken="v6"
    )
    assert again["Ipv6Sets"] == six["Ipv6Sets"]  # a replay allocates nothing
    with pytest.raises(ApiFailure) as failure:
        ecs(
            sdk,
            "AssignIpv6Addresses",
            NetworkInterfaceId=eni_id,
            Ipv6AddressCount=1,
            ClientToken="v6",
        )
    assert (failure.value.code, failure.value.status) == ("IdempotentParameterMismatch", 400)
    p6 = ecs(sdk, "AssignIpv6Addresses", NetworkInterfaceId=eni_id, Ipv6PrefixCount=1)
    (prefix6,) = p6["Ipv6PrefixSets"]["Ipv6Prefix"]
    assert prefix6.endswith("/80")
    (item,) = describe(sdk, NetworkInterfaceId=[eni_id])
    assert [s["Ipv6Address"] for s in item["Ipv6Sets"]["Ipv6Set"]] == addresses6
    assert [s["Ipv4Prefix"] for s in item["Ipv4PrefixSets"]["Ipv4PrefixSet"]] == prefixes4
    assert [s["Ipv6Prefix"] for s in item["Ipv6PrefixSets"]["Ipv6PrefixSet"]] == [prefix6]
    assert [i["NetworkInterfaceId"] for i in describe(sdk, Ipv6Address=[addresses6[1]])] == [eni_id]
    fake_ecs.cloud.check_invariants()
    ecs(sdk, "UnassignIpv6Addresses", NetworkInterfaceId=eni_id, Ipv6Address=addresses6[:1])
    ecs(sdk, "UnassignPrivateIpAddresses", NetworkInterfaceId=eni_id, Ipv4Prefix=prefixes4[:1])
    assert vsw.available_ip_count == start - 1 - 16
    fake_ecs.cloud.check_invariants()
    # Delete gives back everything left: one IPv4 prefix, one IPv6 address, one /80.
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    assert vsw.available_ip_count == start
    assert vsw.ipv6_ledger is not None
    assert (vsw.ipv6_ledger.taken_count, vsw.ipv6_ledger.prefix_count) == (0, 0)
    fake_ecs.cloud.check_invariants()
