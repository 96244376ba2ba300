"""CreateNetworkInterface succeeds through every SDK, with real state behind it."""

from __future__ import annotations

import re
from typing import Any

from netaddr import IPAddress, IPNetwork

from pytest_fake_eni import FakeEcs

UPPER_UUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")


def _defaults(fake: FakeEcs, **extra: Any) -> dict[str, Any]:
    return {
        "VSwitchId": fake.default_vswitch.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
        **extra,
    }


def test_body_has_every_field_of_the_documented_sample(fake_ecs: FakeEcs, sdk: Any) -> None:
    body = sdk.create_eni(**_defaults(fake_ecs, NetworkInterfaceName="web-1"))
    sample_fields = {
        "Status": str, "Type": str, "VpcId": str, "NetworkInterfaceName": str,
        "MacAddress": str, "NetworkInterfaceId": str, "ServiceID": int, "OwnerId": str,
        "ServiceManaged": bool, "VSwitchId": str, "RequestId": str, "Description": str,
        "ResourceGroupId": str, "ZoneId": str, "PrivateIpAddress": str,
        "SecurityGroupIds": dict, "PrivateIpSets": dict, "Tags": dict, "Ipv6Sets": dict,
        "Ipv4PrefixSets": dict, "Ipv6PrefixSets": dict,
    }  # fmt: skip
    assert set(body) == set(sample_fields)
    for name, kind in sample_fields.items():
        assert isinstance(body[name], kind), name
    eni = fake_ecs.assert_eni_created(name="web-1")
    assert body["NetworkInterfaceId"] == eni.network_interface_id
    assert re.fullmatch(r"eni-bp1[a-z0-9]{17}", eni.network_interface_id)
    assert re.fullmatch(r"00:16:3e(:[0-9a-f]{2}){3}", body["MacAddress"])
    assert UPPER_UUID.match(body["RequestId"])
    assert body["Status"] == "Available" and body["Type"] == "Secondary"
    assert body["VpcId"] == fake_ecs.default_vpc.vpc_id
    assert body["ZoneId"] == fake_ecs.default_vswitch.zone_id == "cn-hangzhou-h"
    assert body["OwnerId"] == fake_ecs.account_id
    assert body["ResourceGroupId"].startswith("rg-")
    assert body["SecurityGroupIds"] == {
        "SecurityGroupId": [fake_ecs.default_security_group.security_group_id]
    }
    assert body["PrivateIpSets"] == {
        "PrivateIpSet": [{"PrivateIpAddress": body["PrivateIpAddress"], "Primary": True}]
    }
    for wrapper, item in [("Tags", "Tag"), ("Ipv6Sets", "Ipv6Set"),
                          ("Ipv4PrefixSets", "Ipv4PrefixSet"), ("Ipv6PrefixSets", "Ipv6PrefixSet")]:  # fmt: skip
        assert body[wrapper] == {item: []}
    assert fake_ecs.calls[-1].request_id == body["RequestId"]


def test_addresses_come_from_the_vswitch_cidr(fake_ecs: FakeEcs, sdk: Any) -> None:
    vpc = fake_ecs.add_vpc("10.0.0.0/8")
    vsw = fake_ecs.add_vswitch(vpc.vpc_id, "10.1.2.0/24", zone_id="cn-hangzhou-i")
    sg = fake_ecs.add_security_group(vpc.vpc_id)
    body = sdk.create_eni(
        VSwitchId=vsw.vswitch_id, SecurityGroupIds=[sg.security_group_id],
        SecondaryPrivateIpAddressCount=3,
    )  # fmt: skip
    addresses = [s["PrivateIpAddress"] for s in body["PrivateIpSets"]["PrivateIpSet"]]
    assert len(addresses) == 4 == len(set(addresses))
    assert [s["Primary"] for s in body["PrivateIpSets"]["PrivateIpSet"]] == [True] + [False] * 3
    net = IPNetwork("10.1.2.0/24")
    reserved = {net[0], net[-3], net[-2], net[-1]}
    for address in addresses:
        assert IPAddress(address) in net and IPAddress(address) not in reserved
    assert body["ZoneId"] == "cn-hangzhou-i" and body["VpcId"] == vpc.vpc_id
    assert vsw.available_ip_count == 252 - 4
    eni = fake_ecs.assert_eni_created(vswitch_id=vsw.vswitch_id)
    assert eni.private_ip_addresses == addresses and eni.primary_ip_address == addresses[0]


def test_named_primary_and_secondary_addresses(fake_ecs: FakeEcs, sdk: Any) -> None:
    body = sdk.create_eni(
        **_defaults(fake_ecs, PrimaryIpAddress="172.16.0.77",
                    PrivateIpAddress=["172.16.0.10", "172.16.0.252"])
    )  # fmt: skip
    assert body["PrivateIpAddress"] == "172.16.0.77"
    sets = body["PrivateIpSets"]["PrivateIpSet"]
    assert [s["PrivateIpAddress"] for s in sets] == ["172.16.0.77", "172.16.0.10", "172.16.0.252"]


def test_secondaries_with_an_automatic_primary(fake_ecs: FakeEcs, sdk: Any) -> None:
    body = sdk.create_eni(**_defaults(fake_ecs, PrivateIpAddress=["172.16.0.1"]))
    sets = body["PrivateIpSets"]["PrivateIpSet"]
    assert sets[0]["Primary"] and sets[0]["PrivateIpAddress"] != "172.16.0.1"
    assert sets[1] == {"PrivateIpAddress": "172.16.0.1", "Primary": False}


def test_name_description_tags_and_options_are_kept(fake_ecs: FakeEcs, sdk: Any) -> None:
    group = fake_ecs.add_resource_group("mine")
    tags = [{"Key": "team", "Value": "net"}, {"Key": "env", "Value": ""}, {"Key": "描述", "Value": "é *~"}]  # fmt: skip
    body = sdk.create_eni(
        **_defaults(fake_ecs, NetworkInterfaceName="eni:web_1.a-b", Description="for the web tier",
                    Tag=tags, DeleteOnRelease=True, InstanceType="Trunk",
                    ClientToken="tok-1", ResourceGroupId=group.resource_group_id)
    )  # fmt: skip
    assert body["NetworkInterfaceName"] == "eni:web_1.a-b"
    assert body["Description"] == "for the web tier"
    assert body["Type"] == "Trunk"
    assert body["ResourceGroupId"] == group.resource_group_id
    got = {t["TagKey"]: t["TagValue"] for t in body["Tags"]["Tag"]}
    assert got == {"team": "net", "env": "", "描述": "é *~"}
    eni = fake_ecs.assert_eni_created(tags=got, delete_on_release=True, client_token="tok-1")
    assert eni.type == "Trunk" and eni.description == "for the web tier"


def test_security_group_ids_list(fake_ecs: FakeEcs, sdk: Any) -> None:
    extra = fake_ecs.add_security_group(fake_ecs.default_vpc.vpc_id)
    ids = [fake_ecs.default_security_group.security_group_id, extra.security_group_id]
    body = sdk.create_eni(VSwitchId=fake_ecs.default_vswitch.vswitch_id, SecurityGroupIds=ids)
    assert body["SecurityGroupIds"]["SecurityGroupId"] == ids
    assert fake_ecs.enis[0].security_group_ids == ids


def test_each_eni_gets_unique_ids_macs_and_addresses(fake_ecs: FakeEcs, sdk: Any) -> None:
    bodies = [sdk.create_eni(**_defaults(fake_ecs)) for _ in range(20)]
    for field in ("NetworkInterfaceId", "MacAddress", "PrivateIpAddress", "RequestId"):
        assert len({b[field] for b in bodies}) == 20, field
    assert len(fake_ecs.enis) == 20
    fake_ecs.assert_called("CreateNetworkInterface", times=20)


def test_other_region_via_add_vpc(fake_ecs: FakeEcs) -> None:
    from tests.drivers import TeaDriver

    vpc = fake_ecs.add_vpc("192.168.0.0/16", region_id="cn-beijing")
    vsw = fake_ecs.add_vswitch(vpc.vpc_id, "192.168.1.0/24")
    sg = fake_ecs.add_security_group(vpc.vpc_id)
    body = TeaDriver(region_id="cn-beijing").create_eni(
        VSwitchId=vsw.vswitch_id, SecurityGroupId=sg.security_group_id
    )
    assert body["NetworkInterfaceId"].startswith("eni-2ze")
    assert body["ZoneId"] == vsw.zone_id
    assert fake_ecs.calls[-1].host == "ecs.cn-beijing.aliyuncs.com"
