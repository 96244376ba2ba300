"""The model-based test's tag rules: ECS TagResources/UntagResources/ListTagResources/AddTags/
RemoveTags/DescribeTags and VPC TagResources/UnTagResources/ListTagResources over ENIs,
instances, security groups, vSwitches, VPCs and EIPs, with the 20-tag limit, all or nothing.
The describes' ``Tags`` and ``Tag.N`` filters are checked against the same model tags."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import rule

from tests.drivers import ApiFailure
from tests.model_state import SDK, ModelCore

ECS_TYPES = ("eni", "instance", "securitygroup")
VPC_TYPES = ("VSWITCH", "VPC", "EIP")
GONE = {
    "eni": "eni-bp1gone0000000000000",
    "instance": "i-bp1gone00000000000000",
    "securitygroup": "sg-bp1gone0000000000000",
    "VSWITCH": "vsw-bp1gone000000000000",
    "VPC": "vpc-bp1gone000000000000",
    "EIP": "eip-bp1gone000000000000",
}
MAX_TAGS = 20
# (too many Tag.N in one call, a resource it does not know, past 20 on a resource)
CODES = {
    "TagResources": ("NumberExceed.Tags", "InvalidResourceId.NotFound", "OperationDenied.QuotaExceed"),
    "AddTags": ("InvalidTagCount", "InvalidResourceId.NotFound", "OperationDenied.QuotaExceed"),
    "vpc": ("SizeLimitExceeded.TagNum", "InvalidInstanceIds.NotFound", "QuotaExceeded.TagNum"),
}  # fmt: skip


class TagRules(ModelCore):
    """Rules over the one tag store, through both products' tag APIs."""

    def tagged(self, resource_type: str) -> dict[str, dict[str, str]]:
        """Every resource of the type the model holds: id -> its tags (the live dict)."""
        pool: dict[str, Any] = {
            "eni": self.model,
            "instance": self.instances,
            "securitygroup": self.groups,
            "VSWITCH": self.switches,
            "VPC": self.vpcs,
            "EIP": self.eips,
        }[resource_type]
        return {k: v.tags for k, v in pool.items()}

    def _ids(self, resource_type: str, which: int, two: bool, gone: bool) -> list[str]:
        known = sorted(self.tagged(resource_type))
        ids = [known[which % len(known)]] if known else []
        if two and len(known) > 1:
            ids.append(known[(which + 1) % len(known)])
        if gone or not ids:
            ids.append(GONE[resource_type])
        return ids

    @rule(
        sdk=SDK,
        api=st.sampled_from(["TagResources", "AddTags", "vpc"]),
        kind=st.integers(0, 2),
        which=st.integers(0, 2),
        two=st.booleans(),
        gone=st.integers(0, 5),
        size=st.sampled_from([1, 2, 12, 19, 21]),
        offset=st.sampled_from([0, 10, 20]),
        value=st.sampled_from(["a", "b"]),
    )
    def tag(
        self,
        sdk: str,
        api: str,
        kind: int,
        which: int,
        two: bool,
        gone: int,
        size: int,
        offset: int,
        value: str,
    ) -> None:
        resource_type = (VPC_TYPES if api == "vpc" else ECS_TYPES)[kind]
        ids = self._ids(resource_type, which, two and api != "AddTags", gone == 0)
        if api == "AddTags":
            ids = ids[:1]
        keys = (
            ["team", "tier", "env"][:size] if size <= 2 else [f"k{offset + i}" for i in range(size)]
        )
        tags = {k: value for k in keys}
        request: dict[str, Any] = {
            "ResourceType": resource_type,
            "Tag": [{"Key": k, "Value": v} for k, v in tags.items()],
        }
        if api == "AddTags":
            request["ResourceId"] = ids[0]
        else:
            request["ResourceId"] = ids
        action = "TagResources" if api == "vpc" else api
        answer = self.call(sdk, action, product="vpc" if api == "vpc" else "ecs", **request)
        if self.was_injected:
            return
        codes = CODES[api]
        held = self.tagged(resource_type)
        expected = [
            code
            for code, broken in zip(
                codes,
                (
                    len(tags) > MAX_TAGS,
                    any(i not in held for i in ids),
                    any(i in held and len(set(held[i]) | set(tags)) > MAX_TAGS for i in ids),
                ),
                strict=True,
            )
            if broken
        ]
        if expected:
            assert isinstance(answer, ApiFailure), f"{action} {resource_type} though {expected}"
            assert answer.code == expected[0], (answer.code, expected)
            return
        assert not isinstance(answer, ApiFailure), answer
        for resource_id in ids:
            held[resource_id].update(tags)

    @rule(
        sdk=SDK,
        api=st.sampled_from(["UntagResources", "RemoveTags", "vpc"]),
        kind=st.integers(0, 2),
        which=st.integers(0, 9),
        gone=st.integers(0, 5),
        every=st.integers(0, 3),
        drop=st.integers(1, 3),
        same_value=st.booleans(),
    )
    def untag(
        self,
        sdk: str,
        api: str,
        kind: int,
        which: int,
        gone: int,
        every: int,
        drop: int,
        same_value: bool,
    ) -> None:
        resource_type = (VPC_TYPES if api == "vpc" else ECS_TYPES)[kind]
        ids = self._ids(resource_type, which, api != "RemoveTags", gone == 0)
        if api == "RemoveTags":
            ids = ids[:1]
        held = self.tagged(resource_type)
        mine = held.get(ids[0], {})
        keys = [*sorted(mine)[:drop], "absent"]
        request: dict[str, Any] = {"ResourceType": resource_type}
        values: dict[str, str] = {}
        every_tag = every == 0 and api != "RemoveTags"
        if api == "RemoveTags":
            request["ResourceId"] = ids[0]
            values = {k: mine.get(k, "a") if same_value else "zz" for k in keys}
            request["Tag"] = [{"Key": k, "Value": v} for k, v in values.items()]
        else:
            request["ResourceId"] = ids
            if every_tag:
                request["All"] = True
            else:
                request["TagKey"] = keys
        action = "UnTagResources" if api == "vpc" else api
        answer = self.call(sdk, action, **request)
        if self.was_injected:
            return
        if any(i not in held for i in ids):
            code = "InvalidInstanceIds.NotFound" if api == "vpc" else "InvalidResourceId.NotFound"
            assert isinstance(answer, ApiFailure), f"{action} of a resource it does not know"
            assert answer.code == code, answer
            return
        assert not isinstance(answer, ApiFailure), answer
        for resource_id in ids:
            tags = held[resource_id]
            for key in list(tags) if every_tag else keys:
                if api != "RemoveTags" or values.get(key) == tags.get(key):
                    tags.pop(key, None)

    @rule(
        sdk=SDK,
        api=st.sampled_from(["ecs", "vpc"]),
        kind=st.integers(0, 2),
        which=st.integers(0, 9),
        by=st.sampled_from(["ids", "tag", "key"]),
        size=st.integers(1, 5),
    )
    def list_tags(self, sdk: str, api: str, kind: int, which: int, by: str, size: int) -> None:
        self.settle_model()
        resource_type = (VPC_TYPES if api == "vpc" else ECS_TYPES)[kind]
        held = self.tagged(resource_type)
        request: dict[str, Any] = {"ResourceType": resource_type}
        if by == "ids":
            request["ResourceId"] = self._ids(resource_type, which, True, True)
            chosen = [i for i in request["ResourceId"] if i in held]
        elif by == "tag":
            request["Tag"] = [{"Key": "team", "Value": "a"}]
            chosen = [i for i, t in held.items() if t.get("team") == "a"]
        else:
            request["Tag"] = [{"Key": "team"}]
            chosen = [i for i, t in held.items() if "team" in t]
        expected = sorted((i, k, v) for i in chosen for k, v in held[i].items())
        if api == "vpc":
            request["MaxResults"] = size
        seen: list[tuple[str, str, str]] = []
        token = ""
        for _ in range(200):
            answer = self.call(
                sdk, "ListTagResources", product=api, **request, **({"NextToken": token} if token else {})
            )  # fmt: skip
            assert not isinstance(answer, ApiFailure), answer
            for item in answer["TagResources"]["TagResource"]:
                assert item["ResourceType"].lower() == resource_type.lower(), item
                seen.append((item["ResourceId"], item["TagKey"], item["TagValue"]))
            token = answer.get("NextToken") or ""
            if not token:
                break
        assert len(seen) == len(set(seen)), f"a tag listed twice: {seen}"
        assert sorted(seen) == expected, (resource_type, request, sorted(seen), expected)

    @rule(
        sdk=SDK,
        kind=st.sampled_from([None, *ECS_TYPES]),
        by=st.sampled_from([None, "team"]),
    )
    def describe_tags(self, sdk: str, kind: str | None, by: str | None) -> None:
        self.settle_model()
        request: dict[str, Any] = {"PageSize": 100}
        if kind:
            request["ResourceType"] = kind
        if by:
            request["Tag"] = [{"Key": by, "Value": "a"}]
        answer = self.call(sdk, "DescribeTags", **request)
        assert not isinstance(answer, ApiFailure), answer
        names = {"eni": "Eni", "instance": "Instance", "securitygroup": "Securitygroup"}
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for resource_type in [kind] if kind else ECS_TYPES:
            for tags in self.tagged(resource_type).values():
                for pair in tags.items():
                    if by and pair != (by, "a"):
                        continue
                    by_type = counts.setdefault(pair, {})
                    by_type[names[resource_type]] = by_type.get(names[resource_type], 0) + 1
        got = {(t["TagKey"], t["TagValue"]): t["ResourceTypeCount"] for t in answer["Tags"]["Tag"]}
        assert set(got) == set(counts), (request, sorted(got), sorted(counts))
        assert answer["TotalCount"] == len(counts)
        if kind is None:
            for pair, by_type in counts.items():
                shown = {k: v for k, v in got[pair].items() if k in names.values()}
                assert shown == {n: by_type.get(n, 0) for n in names.values()}, (pair, got[pair])
