"""One tag store through every tag API of both products and every SDK: what one call writes,
ListTagResources (ECS and VPC), DescribeNetworkInterfaces and its Tag.N filter read."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure, create_in_defaults
from tests.lifecycle_drivers import describe, ecs, vpc

TEAM = [{"Key": "team", "Value": "net"}, {"Key": "owner", "Value": ""}]
WANT = {"team": "net", "owner": ""}


def listed(sdk: Any, product: str, resource_type: str, **params: Any) -> list[dict[str, Any]]:
    """Every ``TagResource`` item ListTagResources returns, following NextToken."""
    send = vpc if product == "Vpc" else ecs
    items: list[dict[str, Any]] = []
    paging: dict[str, str] = {}
    while True:
        body = send(sdk, "ListTagResources", ResourceType=resource_type, **paging, **params)
        items += body["TagResources"]["TagResource"]
        if not body.get("NextToken"):
            return items
        paging = {"NextToken": body["NextToken"]}


def tags_of(items: list[dict[str, Any]], resource_id: str) -> dict[str, str]:
    return {i["TagKey"]: i["TagValue"] for i in items if i["ResourceId"] == resource_id}


def eni_tags(sdk: Any, eni_id: str) -> dict[str, str]:
    (item,) = describe(sdk, NetworkInterfaceId=[eni_id])
    return {t["TagKey"]: t["TagValue"] for t in item["Tags"]["Tag"]}


def test_an_eni_an_instance_and_a_vswitch_tagged_and_read_back_everywhere(
    fake_ecs: FakeEcs, sdk: Any
) -> None:
    eni = create_in_defaults(fake_ecs, sdk)["NetworkInterfaceId"]
    instance = fake_ecs.add_instance().instance_id
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.1.0/24").vswitch_id

    ecs(sdk, "TagResources", ResourceType="eni", ResourceId=[eni], Tag=TEAM)
    ecs(sdk, "TagResources", ResourceType="instance", ResourceId=[instance], Tag=TEAM)
    vpc(sdk, "TagResources", ResourceType="VSWITCH", ResourceId=[vsw], Tag=TEAM)

    for product, kind, resource_id in (
        ("Ecs", "eni", eni),
        ("Ecs", "instance", instance),
        ("Vpc", "VSWITCH", vsw),
    ):
        items = listed(sdk, product, kind, ResourceId=[resource_id])
        assert {(i["ResourceId"], i["ResourceType"]) for i in items} == {(resource_id, kind)}
        assert tags_of(items, resource_id) == WANT
        by_tag = listed(sdk, product, kind, Tag=[{"Key": "team", "Value": "net"}])
        assert {i["ResourceId"] for i in by_tag} == {resource_id}
        assert fake_ecs.assert_tagged(resource_id, team="net") == WANT
        assert fake_ecs.tags(resource_id) == WANT

    assert eni_tags(sdk, eni) == WANT
    for wanted, found in (
        ([{"Key": "team", "Value": "net"}], {eni}),
        ([{"Key": "team"}], {eni}),  # a key alone: any value
        ([{"Key": "team", "Value": "net"}, {"Key": "owner", "Value": ""}], {eni}),
        ([{"Key": "team", "Value": "ops"}], set()),
    ):
        assert {e["NetworkInterfaceId"] for e in describe(sdk, Tag=wanted)} == found
    fake_ecs.cloud.check_invariants()


def test_a_key_takes_its_new_value_and_untag_removes_keys_or_all(
    fake_ecs: FakeEcs, sdk: Any
) -> None:
    eni = create_in_defaults(fake_ecs, sdk, Tag=[{"Key": "a", "Value": "1"}])["NetworkInterfaceId"]
    vsw = fake_ecs.default_vswitch.vswitch_id
    ecs(sdk, "TagResources", ResourceType="eni", ResourceId=[eni], Tag=[{"Key": "a", "Value": "2"}])
    ecs(sdk, "TagResources", ResourceType="eni", ResourceId=[eni], Tag=[{"Key": "b", "Value": ""}])
    assert eni_tags(sdk, eni) == {"a": "2", "b": ""}
    ecs(sdk, "UntagResources", ResourceType="eni", ResourceId=[eni], TagKey=["a", "gone"])
    assert fake_ecs.tags(eni) == {"b": ""}
    ecs(sdk, "UntagResources", ResourceType="eni", ResourceId=[eni], All=True)
    assert listed(sdk, "Ecs", "eni", ResourceId=[eni]) == []

    vpc(sdk, "TagResources", ResourceType="vswitch", ResourceId=[vsw], Tag=TEAM)  # any case
    vpc(sdk, "UnTagResources", ResourceType="VSWITCH", ResourceId=[vsw], TagKey=["team"])
    assert fake_ecs.tags(vsw) == {"owner": ""}
    vpc(sdk, "UnTagResources", ResourceType="VSWITCH", ResourceId=[vsw], All=True)
    assert fake_ecs.tags(vsw) == {}


def test_security_groups_and_vpcs_share_the_store(fake_ecs: FakeEcs, sdk: Any) -> None:
    sg = fake_ecs.default_security_group.security_group_id
    vpc_id = fake_ecs.default_vpc.vpc_id
    ecs(sdk, "TagResources", ResourceType="securitygroup", ResourceId=[sg], Tag=TEAM)
    vpc(sdk, "TagResources", ResourceType="VPC", ResourceId=[vpc_id], Tag=TEAM)
    assert tags_of(listed(sdk, "Ecs", "securitygroup", ResourceId=[sg]), sg) == WANT
    assert tags_of(listed(sdk, "Vpc", "VPC", ResourceId=[vpc_id]), vpc_id) == WANT
    assert fake_ecs.default_security_group.tags == WANT == fake_ecs.default_vpc.tags


def test_create_network_interface_tags_are_the_stores(fake_ecs: FakeEcs, sdk: Any) -> None:
    eni = create_in_defaults(fake_ecs, sdk, Tag=TEAM)["NetworkInterfaceId"]
    assert tags_of(listed(sdk, "Ecs", "eni", ResourceId=[eni]), eni) == WANT
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni)
    assert listed(sdk, "Ecs", "eni", Tag=[{"Key": "team"}]) == []
    assert fake_ecs.tags(eni) == {}


def test_list_tag_resources_pages_by_next_token(fake_ecs: FakeEcs, sdk: Any) -> None:
    many = [{"Key": f"k{i}", "Value": str(i)} for i in range(20)]
    enis = [create_in_defaults(fake_ecs, sdk, Tag=many)["NetworkInterfaceId"] for _ in range(3)]
    first = ecs(sdk, "ListTagResources", ResourceType="eni", Tag=[{"Key": "k0"}])
    assert len(first["TagResources"]["TagResource"]) == 50 and first["NextToken"]
    items = listed(sdk, "Ecs", "eni", Tag=[{"Key": "k0"}])
    assert len(items) == 60 and {i["ResourceId"] for i in items} == set(enis)

    vsw = fake_ecs.default_vswitch.vswitch_id
    vpc(sdk, "TagResources", ResourceType="VSWITCH", ResourceId=[vsw], Tag=many)
    page = vpc(sdk, "ListTagResources", ResourceType="VSWITCH", ResourceId=[vsw], MaxResults=7)
    assert len(page["TagResources"]["TagResource"]) == 7 and page["NextToken"]
    assert len(listed(sdk, "Vpc", "VSWITCH", ResourceId=[vsw], MaxResults=7)) == 20


def test_add_remove_and_describe_tags(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance().instance_id
    eni = create_in_defaults(fake_ecs, sdk)["NetworkInterfaceId"]
    ecs(sdk, "AddTags", ResourceType="instance", ResourceId=instance, Tag=TEAM)
    ecs(sdk, "AddTags", ResourceType="eni", ResourceId=eni, Tag=[{"Key": "team", "Value": "net"}])
    assert fake_ecs.tags(instance) == WANT

    body = ecs(sdk, "DescribeTags")
    counts = {(t["TagKey"], t["TagValue"]): t["ResourceTypeCount"] for t in body["Tags"]["Tag"]}
    assert body["TotalCount"] == 2 == len(counts)
    assert (counts[("team", "net")]["Instance"], counts[("team", "net")]["Eni"]) == (1, 1)
    assert counts[("owner", "")]["Instance"] == 1 and counts[("owner", "")]["Disk"] == 0
    only = ecs(sdk, "DescribeTags", ResourceType="eni", Tag=[{"Key": "team"}])
    assert [t["TagKey"] for t in only["Tags"]["Tag"]] == ["team"]

    ecs(sdk, "RemoveTags", ResourceType="instance", ResourceId=instance, Tag=[{"Key": "team"}])
    ecs(
        sdk,
        "RemoveTags",
        ResourceType="instance",
        ResourceId=instance,
        Tag=[{"Key": "owner", "Value": "someone-else"}],  # a value that does not match stays
    )
    assert fake_ecs.tags(instance) == {"owner": ""}


def code_of(call: Any) -> tuple[str, int]:
    with pytest.raises(ApiFailure) as failure:
        call()
    return failure.value.code, failure.value.status


def test_resources_of_another_type_region_or_product_are_refused(
    fake_ecs: FakeEcs, sdk: Any
) -> None:
    eni = create_in_defaults(fake_ecs, sdk)["NetworkInterfaceId"]
    far = fake_ecs.add_vpc("10.0.0.0/8", region_id="cn-beijing")
    far_vsw = fake_ecs.add_vswitch(far.vpc_id, "10.1.0.0/24").vswitch_id
    far_sg = fake_ecs.add_security_group(far.vpc_id).security_group_id
    vsw = fake_ecs.default_vswitch.vswitch_id

    def tag(send: Any, kind: str, resource_id: str) -> Any:
        return lambda: send(
            sdk, "TagResources", ResourceType=kind, ResourceId=[resource_id], Tag=TEAM
        )

    assert code_of(tag(ecs, "instance", eni)) == ("InvalidResourceId.NotFound", 404)
    assert code_of(tag(ecs, "securitygroup", far_sg)) == ("InvalidResourceId.NotFound", 404)
    assert code_of(tag(ecs, "eni", vsw)) == ("InvalidResourceId.NotSupported", 403)
    assert code_of(tag(vpc, "VPC", vsw)) == ("InvalidInstanceIds.NotFound", 400)
    assert code_of(tag(vpc, "VSWITCH", far_vsw)) == ("InvalidInstanceIds.NotFound", 400)
    assert code_of(tag(vpc, "VSWITCH", eni)) == ("InvalidInstanceIds.NotFound", 400)
    assert fake_ecs.tags(eni) == fake_ecs.tags(vsw) == fake_ecs.tags(far_vsw) == {}
    in_beijing = vpc(
        sdk, "ListTagResources", RegionId="cn-beijing", ResourceType="VSWITCH", ResourceId=[vsw]
    )
    assert in_beijing["TagResources"]["TagResource"] == []
