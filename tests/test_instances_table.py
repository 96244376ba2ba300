"""The built-in instance-type table is data copied from the documentation: only the fields
the pages give, a source for every family, the families the issue asks for."""

from __future__ import annotations

from pytest_fake_eni.cloud.instance_types import BUILTIN, FAMILIES, FIELDS, InstanceTypes

DOCUMENTED = {
    "InstanceTypeFamily", "InstanceCategory", "CpuCoreCount", "MemorySize", "EniQuantity",
    "EniPrivateIpAddressQuantity", "MaximumQueueNumberPerEni", "GPUAmount", "GPUSpec",
}  # fmt: skip


def test_at_least_forty_types_across_the_kinds_of_family() -> None:
    assert len(BUILTIN) >= 40
    categories = {f["category"] for f in FAMILIES}
    assert {"General-purpose", "Compute-optimized", "Memory-optimized"} <= categories
    assert {"Compute-optimized with GPU", "ECS Bare Metal", "High Clock Speed"} <= categories
    assert "ecs.g7ne" in {f["family"] for f in FAMILIES}  # network-enhanced
    assert {"ecs.g7", "ecs.g6"} <= {f["family"] for f in FAMILIES}  # current and previous


def test_every_family_names_its_source_and_every_value_is_a_documented_field() -> None:
    for family in FAMILIES:
        assert family["source"].startswith("https://github.com/AlibabaCloudDocs/ecs/blob/")
        assert family["source"].endswith(".md") and family["title"]
    for type_id, kind in BUILTIN.items():
        assert set(kind.fields) <= DOCUMENTED <= FIELDS | DOCUMENTED, type_id
        assert kind.source and type_id.startswith(kind.family)
        assert kind.get("EniQuantity") >= 2 and kind.get("EniPrivateIpAddressQuantity") >= 6
        assert "EniIpv6AddressQuantity" not in kind.fields  # the pages give none


def test_overrides_are_per_account_and_keep_the_table() -> None:
    one, other = InstanceTypes(), InstanceTypes()
    one.add("ecs.g7.large", EniQuantity=9)
    assert one.require("ecs.g7.large").get("EniQuantity") == 9
    assert other.require("ecs.g7.large").get("EniQuantity") == 3
    assert BUILTIN["ecs.g7.large"].get("EniQuantity") == 3
    assert len(one) == len(BUILTIN) and [k.instance_type_id for k in one] == list(BUILTIN)
