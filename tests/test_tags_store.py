"""The tag store on its own, ``FakeEcs.tags``/``assert_tagged``, and the tag family's
catalogue (the simulator and the lists, without the wire)."""

from __future__ import annotations

import pytest

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.catalogue import ACTION_CODES, core
from pytest_fake_eni.catalogue import tags as family
from pytest_fake_eni.cloud.tags import MAX_TAGS, TagStore, bad_key, bad_value
from pytest_fake_eni.errors import CATALOGUE


def test_tag_is_all_or_nothing_and_counts_existing_keys() -> None:
    store = TagStore()
    full = store.register("eni-1", "eni", "r", [(f"k{i}", "") for i in range(MAX_TAGS - 1)])
    empty = store.register("eni-2", "eni", "r")
    entries = [e for e in (store.entry("eni-2"), store.entry("eni-1")) if e is not None]
    assert len(entries) == 2
    blocked = store.tag(entries, {"a": "1", "b": "2"})
    assert blocked is store.entry("eni-1") and empty == {} and len(full) == MAX_TAGS - 1
    assert store.tag(entries, {"a": "1", "k0": "new"}) is None
    assert len(full) == MAX_TAGS and full["k0"] == "new" and empty == {"a": "1", "k0": "new"}
    store.untag(entries, ["a", "absent"])
    assert "a" not in full and empty == {"k0": "new"}
    store.untag(entries, None)
    assert full == {} == empty


def test_find_is_by_type_and_region() -> None:
    store = TagStore()
    store.register("vsw-1", "VSWITCH", "cn-hangzhou")
    assert store.find("vsw-1", "VSWITCH", "cn-hangzhou") is store.entry("vsw-1")
    assert store.find("vsw-1", "VPC", "cn-hangzhou") is None
    assert store.find("vsw-1", "VSWITCH", "cn-beijing") is None
    assert store.find("vsw-2", "VSWITCH", "cn-hangzhou") is None
    assert [e.resource_id for e in store.entries(region_id="cn-hangzhou")] == ["vsw-1"]
    assert store.entries("eni") == [] and store.entries(region_id="cn-beijing") == []


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("k" * 128, False),
        ("k" * 129, True),
        ("", True),
        ("aliyun", True),
        ("acs:x", True),
        ("Aliyun", False),
        ("a http://b", True),
        ("https://", True),
    ],
)
def test_key_rules(key: str, bad: bool) -> None:
    assert bad_key(key) is bad


def test_value_rules() -> None:
    assert not bad_value("") and not bad_value("v" * 128) and not bad_value("aliyun")
    assert bad_value("v" * 129) and bad_value("x http://y") and bad_value("https://y")


def test_every_resource_registers_and_a_deleted_one_is_forgotten() -> None:
    fake = FakeEcs()
    instance = fake.add_instance()
    resources = [
        instance.instance_id,
        instance.primary_eni_id,
        fake.default_vswitch.vswitch_id,
        fake.default_vpc.vpc_id,
        fake.default_security_group.security_group_id,
    ]
    for resource_id in resources:
        assert fake.cloud.tags.entry(resource_id) is not None, resource_id
    instance.tags["team"] = "net"  # the live dict is the store's entry
    assert fake.tags(instance.instance_id) == {"team": "net"}
    fake.cloud.check_invariants()
    fake.release_instance(instance.instance_id)
    assert fake.cloud.tags.entry(instance.instance_id) is None
    assert fake.cloud.tags.entry(instance.primary_eni_id) is None
    fake.cloud.check_invariants()


def test_assert_tagged_says_what_is_there() -> None:
    fake = FakeEcs()
    vsw = fake.default_vswitch
    vsw.tags.update({"team": "net", "env": "dev"})
    assert fake.assert_tagged(vsw.vswitch_id, team="net") == {"team": "net", "env": "dev"}
    with pytest.raises(AssertionError) as failure:
        fake.assert_tagged(vsw.vswitch_id, team="ops", owner="me")
    text = str(failure.value)
    assert f"VSWITCH {vsw.vswitch_id} is not tagged" in text
    assert "team: expected 'ops', is 'net'" in text and "owner: expected 'me', is absent" in text
    with pytest.raises(AssertionError, match="knows no resource 'eni-nope'"):
        fake.assert_tagged("eni-nope")
    assert fake.tags("eni-nope") == {}


def test_the_family_adds_only_new_codes_and_each_product_list_is_kept() -> None:
    new = [row[0] for row in family.ROWS]
    assert len(new) == len(set(new))
    assert not set(new) & {row[0] for row in core.ROWS}
    for codes in (*family.ECS_CODES.values(), *family.VPC_CODES.values()):
        assert set(codes) <= set(CATALOGUE)
    for action in ("TagResources", "ListTagResources"):
        union = ACTION_CODES[action]
        assert union[: len(family.ECS_CODES[action])] == family.ECS_CODES[action]
        assert set(union) == set(family.ECS_CODES[action]) | set(family.VPC_CODES[action])
