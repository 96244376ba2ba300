"""The tag limits and key rules, through every SDK, with each product's documented codes:
20 tags per resource counting the ones it has (all or nothing), keys of 1 to 128
characters not starting with ``aliyun``/``acs:`` and holding no URL, values of at most 128."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs, error_codes
from tests.drivers import ApiFailure, create_in_defaults
from tests.lifecycle_drivers import ecs, vpc
from tests.test_error_recipes import message_matches

# product -> (send, resource type, the codes of: quota, bad key, bad value, too many in one call)
PRODUCTS = {
    "Ecs": (
        ecs,
        "eni",
        (
            "OperationDenied.QuotaExceed",
            "InvalidTagKey.Malformed",
            "InvalidTagValue.Malformed",
            "NumberExceed.Tags",
        ),
    ),
    "Vpc": (
        vpc,
        "VSWITCH",
        ("QuotaExceeded.TagNum", "InvalidTagKey", "InvalidTagValue", "SizeLimitExceeded.TagNum"),
    ),
}
BAD_KEYS = ["k" * 129, "aliyun", "aliyunTeam", "acs:team", "see http://x", "https://x", ""]
GOOD_KEYS = ["k" * 128, "Aliyun", "team:acs", "x-aliyun", "http:/x"]
BAD_VALUES = ["v" * 129, "http://x", "see https://x"]
GOOD_VALUES = ["v" * 128, "", "aliyun", "acs:x"]


def two_resources(fake: FakeEcs, sdk: Any, product: str, existing: int) -> tuple[str, str]:
    """Two resources of ``product``'s type: the first with ``existing`` tags, the second none."""
    tags = [{"Key": f"old{i}", "Value": ""} for i in range(existing)]
    if product == "Ecs":
        full = create_in_defaults(fake, sdk, **({"Tag": tags} if tags else {}))
        return full["NetworkInterfaceId"], create_in_defaults(fake, sdk)["NetworkInterfaceId"]
    full_vsw = fake.add_vswitch(fake.default_vpc.vpc_id, "172.16.1.0/24")
    full_vsw.tags.update({t["Key"]: t["Value"] for t in tags})
    return full_vsw.vswitch_id, fake.default_vswitch.vswitch_id


def fails(code: str, action: str, call: Any) -> None:
    spec = next(s for s in error_codes(action) if s.code == code)
    with pytest.raises(ApiFailure) as failure:
        call()
    assert (failure.value.code, failure.value.status) == (spec.code, spec.status)
    assert message_matches(spec, failure.value.message), failure.value.message


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_twenty_tags_per_resource_counting_the_ones_it_has(
    fake_ecs: FakeEcs, sdk: Any, product: str
) -> None:
    send, kind, (quota, *_, too_many) = PRODUCTS[product]
    full, empty = two_resources(fake_ecs, sdk, product, existing=19)

    def tag(ids: list[str], keys: list[str]) -> Any:
        pairs = [{"Key": k, "Value": "v"} for k in keys]
        return lambda: send(sdk, "TagResources", ResourceType=kind, ResourceId=ids, Tag=pairs)

    fails(quota, "TagResources", tag([empty, full], ["n1", "n2"]))  # 19 + 2 > 20
    assert len(fake_ecs.tags(full)) == 19 and fake_ecs.tags(empty) == {}  # all or nothing
    tag([empty, full], ["n1"])()  # 20: the limit itself is fine
    tag([full], ["old0", "n1"])()  # new values of keys it has count nothing
    assert len(fake_ecs.tags(full)) == 20 and fake_ecs.tags(full)["old0"] == "v"
    fails(quota, "TagResources", tag([full], ["n2"]))
    fails(too_many, "TagResources", tag([empty], [f"k{i}" for i in range(21)]))
    assert fake_ecs.tags(empty) == {"n1": "v"}
    fake_ecs.cloud.check_invariants()


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_key_and_value_rules(fake_ecs: FakeEcs, sdk: Any, product: str) -> None:
    send, kind, (_, bad_key, bad_value, _) = PRODUCTS[product]
    resource, _ = two_resources(fake_ecs, sdk, product, existing=0)

    def tag(key: str, value: str) -> Any:
        pair = [{"Key": key, "Value": value}]
        return lambda: send(sdk, "TagResources", ResourceType=kind, ResourceId=[resource], Tag=pair)

    for key in BAD_KEYS:
        fails(bad_key, "TagResources", tag(key, "v"))
    for value in BAD_VALUES:
        fails(bad_value, "TagResources", tag("k", value))
    assert fake_ecs.tags(resource) == {}
    for key in GOOD_KEYS:
        tag(key, "v")()
    for i, value in enumerate(GOOD_VALUES):
        tag(f"v{i}", value)()
    assert set(fake_ecs.tags(resource)) == {*GOOD_KEYS, "v0", "v1", "v2", "v3"}


def test_add_tags_keeps_the_same_limit_and_rules(fake_ecs: FakeEcs, sdk: Any) -> None:
    eni, _ = two_resources(fake_ecs, sdk, "Ecs", existing=20)

    def add(key: str, value: str = "") -> Any:
        pair = [{"Key": key, "Value": value}]
        return lambda: ecs(sdk, "AddTags", ResourceType="eni", ResourceId=eni, Tag=pair)

    fails("OperationDenied.QuotaExceed", "AddTags", add("one-more"))
    fails("InvalidTagKey.Malformed", "AddTags", add("acs:x"))
    fails("InvalidTagValue.Malformed", "AddTags", add("k", "https://x"))
    add("old3", "new")()
    assert len(fake_ecs.tags(eni)) == 20 and fake_ecs.tags(eni)["old3"] == "new"
