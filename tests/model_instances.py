"""The model-based test's instance rules: RunInstances (the ENI subset), DescribeInstances,
DescribeInstanceAttribute, Start/Stop/DeleteInstance over ``transition_delay``, and
DescribeInstanceTypes, whose limits are the ones the model expects attach/assign to enforce."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import multiple, precondition, rule

from tests.drivers import ApiFailure
from tests.model_state import ENIS, SDK, TAGS, ModelCore, ModelEni, ModelInstance

SMALL_TYPE = "ecs.model.small"  # limits that bite in a few steps (seeded with add_instance_type)
TYPES = ("ecs.g7.large", SMALL_TYPE)
LIMITS = ("EniQuantity", "EniPrivateIpAddressQuantity", "EniIpv6AddressQuantity")
IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd"


class InstanceRules(ModelCore):
    """Rules over instances."""

    def seed_types(self, sdk: str) -> None:
        """Add the small type, then learn every type's limits the way a client does."""
        self.fake.add_instance_type(
            SMALL_TYPE,
            EniQuantity=2,
            EniPrivateIpAddressQuantity=4,
            EniIpv6AddressQuantity=2,
            CpuCoreCount=2,
            MemorySize=4.0,
        )
        self.describe_instance_types(sdk)

    def _pick_instance(self, which: int, launched_only: bool = False) -> ModelInstance | None:
        pool = [i for i in self.instances.values() if i.api or not launched_only]
        return pool[which % len(pool)] if pool else None

    @rule(sdk=SDK)
    def describe_instance_types(self, sdk: str) -> None:
        answer = self.call(sdk, "DescribeInstanceTypes", InstanceTypes=list(TYPES))
        assert not isinstance(answer, ApiFailure), answer
        kinds = {k["InstanceTypeId"]: k for k in answer["InstanceTypes"]["InstanceType"]}
        assert set(kinds) == set(TYPES), sorted(kinds)
        for name, kind in kinds.items():
            limits = {f: kind.get(f) for f in LIMITS}
            if name in self.types:  # the limits a client read stay what they were
                assert limits == self.types[name], (name, limits, self.types[name])
            self.types[name] = limits
        assert self.types[SMALL_TYPE]["EniQuantity"] == 2

    @rule(
        target=ENIS,
        sdk=SDK,
        kind=st.sampled_from(TYPES),
        switch=st.integers(0, 7),
        named=st.booleans(),
        ipv6=st.integers(0, 3),
        amount=st.integers(1, 2),
        nics=st.lists(st.tuples(st.integers(0, 4), st.booleans()), max_size=2),
        tags=TAGS,
        token=st.sampled_from([None, None, "r-1", "r-2"]),
        name=st.sampled_from([None, "web", "db-1"]),
    )
    def run_instances(
        self,
        sdk: str,
        kind: str,
        switch: int,
        named: bool,
        ipv6: int,
        amount: int,
        nics: list[tuple[int, bool]],
        tags: list[tuple[str, str]],
        token: str | None,
        name: str | None,
    ) -> Any:
        self.settle_model()
        vsw = list(self.switches.values())[switch % len(self.switches)]
        group = self.group_of(vsw.vpc_id)
        request: dict[str, Any] = {
            "InstanceType": kind,
            "VSwitchId": vsw.vswitch_id,
            "SecurityGroupId": group,
            "ImageId": IMAGE,
        }
        taken = self.taken4()
        free = [a for a in vsw.hosts() if a not in taken]
        if named and amount == 1 and free:
            request["PrivateIpAddress"] = free[-1]
        if amount > 1:
            request["Amount"] = amount
        if ipv6 and vsw.ipv6:
            request["Ipv6AddressCount"] = ipv6
        if nics:
            request["NetworkInterface"] = [
                {
                    "InstanceType": "Secondary",
                    "VSwitchId": vsw.vswitch_id,
                    "SecurityGroupId": group,
                    "SecondaryPrivateIpAddressCount": n,
                    "DeleteOnRelease": keep,
                }
                for n, keep in nics
            ]
        if tags:
            request["Tag"] = [{"Key": k, "Value": v} for k, v in tags]
        if name:
            request["InstanceName"] = name
        if token:
            request["ClientToken"] = token
        limits = self.types[kind]
        expected: set[str] = set()
        if vsw.status != "Available":
            expected.add("IncorrectVSwitchStatus")
        if self.groups[group].vpc_id != vsw.vpc_id:
            expected.add("InvalidParameter.Mismatch")
        if 1 + len(nics) > limits["EniQuantity"]:
            expected.add("EniPerInstanceLimitExceeded")
        ips = limits["EniPrivateIpAddressQuantity"]
        if ips is not None and any(1 + n > ips for n, _ in nics):
            expected.add("MaxEniPrivateIpsCountExceeded")
        six = limits["EniIpv6AddressQuantity"]
        if six is not None and request.get("Ipv6AddressCount", 0) > six:
            expected.add("InvalidOperation.Ipv6CountExceeded")
        wanted = amount * (1 + sum(1 + n for n, _ in nics))
        if wanted > self.room(vsw.vswitch_id):
            expected.add("QuotaExceeded.PrivateIpAddress")
        first = self.replies.get(("RunInstances", token)) if token else None
        answer = self.call(sdk, "RunInstances", **request)
        if self.replayed("RunInstances", token, request, answer) or first is not None:
            return multiple()
        if self.was_injected:
            return multiple()
        if isinstance(answer, ApiFailure):
            assert expected, f"RunInstances refused a launch that fits: {answer.code}"
            assert answer.code in expected, (answer.code, expected)
            return multiple()
        assert not expected, f"launched though {expected}"
        ids = answer["InstanceIdSets"]["InstanceIdSet"]
        assert len(ids) == amount, ids
        listed = self.call(sdk, "DescribeInstances", InstanceIds=json.dumps(ids))
        assert not isinstance(listed, ApiFailure), listed
        items = {i["InstanceId"]: i for i in listed["Instances"]["Instance"]}
        assert set(items) == set(ids)
        new: list[str] = []
        made: list[str] = []
        for instance_id in ids:
            item = items[instance_id]
            shown = item["NetworkInterfaces"]["NetworkInterface"]
            assert len(shown) == 1 + len(nics), shown
            primary = shown[0]
            assert primary["Type"] == "Primary", primary
            instance = ModelInstance(
                instance_id,
                kind,
                vsw.vswitch_id,
                vsw.vpc_id,
                vsw.zone_id,
                [group],
                int(limits["EniQuantity"]),
                int(ips) if ips is not None else 50,
                int(six) if six is not None else None,
                primary["NetworkInterfaceId"],
                tags=dict(tags),
                name=name or "",
                api=True,
            )
            self.instances[instance_id] = instance
            for n, entry in enumerate(shown):
                addresses = [s["PrivateIpAddress"] for s in entry["PrivateIpSets"]["PrivateIpSet"]]
                secondaries = 0 if n == 0 else nics[n - 1][0]
                assert len(addresses) == 1 + secondaries, (entry, secondaries)
                new += addresses
                six_held = [s["Ipv6Address"] for s in entry.get("Ipv6Sets", {}).get("Ipv6Set", [])]
                assert len(six_held) == (request.get("Ipv6AddressCount", 0) if n == 0 else 0)
                made.append(entry["NetworkInterfaceId"])
                self.model[entry["NetworkInterfaceId"]] = ModelEni(
                    entry["NetworkInterfaceId"],
                    vsw.vswitch_id,
                    "Primary" if n == 0 else "Secondary",
                    addresses,
                    ipv6=six_held,
                    status="InUse",
                    instance_id=instance_id,
                    groups=[group],
                    delete_on_release=True if n == 0 else nics[n - 1][1],
                )
        if "PrivateIpAddress" in request:
            assert self.model[items[ids[0]]["NetworkInterfaces"]["NetworkInterface"][0][
                "NetworkInterfaceId"]].addresses[0] == request["PrivateIpAddress"]  # fmt: skip
        assert len(new) == len(set(new)) == wanted, new
        assert not set(new) & taken, f"launched with held addresses {set(new) & taken}"
        assert all(ipaddress.ip_address(a) in vsw.cidr for a in new)
        self.check_singles(vsw, [a for a in new if a != request.get("PrivateIpAddress")])
        return multiple(*made)

    @rule(
        sdk=SDK,
        by=st.sampled_from(
            ["none", "vswitch", "vpc", "status", "type", "tag", "ids", "name", "ip", "group"]
        ),
        style=st.sampled_from(["number", "token"]),
        size=st.integers(1, 4),
    )
    def describe_instances(self, sdk: str, by: str, style: str, size: int) -> None:
        self.settle_model()
        expected = dict(self.instances)
        request: dict[str, Any] = {}
        first = next(iter(self.instances.values()), None)
        if by == "vswitch" and first:
            request["VSwitchId"] = first.vswitch_id
        elif by == "vpc" and first:
            request["VpcId"] = first.vpc_id
        elif by == "status":
            request["Status"] = "Running"
        elif by == "type":
            request["InstanceType"] = SMALL_TYPE
        elif by == "tag":
            request["Tag"] = [{"Key": "team", "Value": "a"}]
        elif by == "ids":
            request["InstanceIds"] = json.dumps([*sorted(expected)[:2], "i-nothere"])
        elif by == "name":
            request["InstanceName"] = "db*"
        elif by == "ip" and first:
            address = self.model[first.primary_eni].addresses[0]
            request["PrivateIpAddresses"] = json.dumps([address, "10.255.255.1"])
        elif by == "group" and first:
            request["SecurityGroupId"] = first.groups[0]
        expected = {
            k: i
            for k, i in expected.items()
            if request.get("VSwitchId", i.vswitch_id) == i.vswitch_id
            and request.get("VpcId", i.vpc_id) == i.vpc_id
            and request.get("Status", i.status) == i.status
            and request.get("InstanceType", i.instance_type) == i.instance_type
            and (by != "tag" or i.tags.get("team") == "a")
            and (by != "ids" or k in sorted(self.instances)[:2])
            and (by != "name" or i.name.startswith("db"))
            and (by != "ip" or i is first)
            and request.get("SecurityGroupId", i.groups[0]) in i.groups
        }
        items = self.paged(
            sdk, "DescribeInstances", request, ("Instances", "Instance"), "InstanceId", style,
            size, len(expected),
        )  # fmt: skip
        for item in items:
            self.check_instance(item)
        seen = [i["InstanceId"] for i in items]
        assert set(seen) == set(expected), (by, request, sorted(seen), sorted(expected))

    def check_instance(self, item: dict[str, Any]) -> None:
        """A DescribeInstances item agrees with the model."""
        instance = self.instances[item["InstanceId"]]
        assert (item["Status"], item["InstanceType"]) == (instance.status, instance.instance_type)
        assert item["InstanceName"] == instance.name, (item["InstanceName"], instance.name)
        assert {t["TagKey"]: t["TagValue"] for t in item["Tags"]["Tag"]} == instance.tags
        shown = [e["NetworkInterfaceId"] for e in item["NetworkInterfaces"]["NetworkInterface"]]
        members = [e.eni_id for e in self.model.values() if e.instance_id == instance.instance_id]
        assert shown[0] == instance.primary_eni and set(shown) == set(members), (shown, members)
        primary = self.model[instance.primary_eni]
        assert item["VpcAttributes"]["PrivateIpAddress"]["IpAddress"] == primary.addresses[:1]
        assert item["VpcAttributes"]["VSwitchId"] == instance.vswitch_id
        assert item["SecurityGroupIds"]["SecurityGroupId"] == instance.groups

    @rule(sdk=SDK, which=st.integers(0, 5), gone=st.booleans())
    def describe_instance_attribute(self, sdk: str, which: int, gone: bool) -> None:
        self.settle_model()
        instance = None if gone else self._pick_instance(which)
        instance_id = instance.instance_id if instance else "i-bp1nothere0000000000"
        answer = self.call(sdk, "DescribeInstanceAttribute", InstanceId=instance_id)
        if instance is None:
            assert isinstance(answer, ApiFailure), "a missing instance is described"
            assert answer.code == "InvalidInstanceId.NotFound" or self.was_injected, answer
            return
        assert not isinstance(answer, ApiFailure), answer
        assert answer["Status"] == instance.status
        primary = self.model[instance.primary_eni]
        assert answer["VpcAttributes"]["PrivateIpAddress"]["IpAddress"] == primary.addresses[:1]
        assert answer["SecurityGroupIds"]["SecurityGroupId"] == instance.groups

    def _instance_move(
        self, sdk: str, action: str, instance: ModelInstance, moves: tuple[str, str, str]
    ) -> None:
        self.settle_model()
        answer = self.call(sdk, action, InstanceId=instance.instance_id)
        if self.was_injected:
            return
        if instance.status != moves[0]:
            assert isinstance(answer, ApiFailure), f"{action} of a {instance.status} instance"
            assert answer.code == "IncorrectInstanceStatus", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        due = self.due()
        if due is None:
            instance.status = moves[2]
        else:
            instance.status, instance.pending = moves[1], (due, moves[2])

    @precondition(lambda self: self.instances)
    @rule(sdk=SDK, which=st.integers(0, 5))
    def stop_instance(self, sdk: str, which: int) -> None:
        instance = self._pick_instance(which)
        assert instance is not None
        self._instance_move(sdk, "StopInstance", instance, ("Running", "Stopping", "Stopped"))

    @precondition(lambda self: self.instances)
    @rule(sdk=SDK, which=st.integers(0, 5))
    def start_instance(self, sdk: str, which: int) -> None:
        instance = self._pick_instance(which)
        assert instance is not None
        self._instance_move(sdk, "StartInstance", instance, ("Stopped", "Starting", "Running"))

    @precondition(lambda self: any(i.api for i in self.instances.values()))
    @rule(sdk=SDK, which=st.integers(0, 5), force=st.booleans())
    def delete_instance(self, sdk: str, which: int, force: bool) -> None:
        self.settle_model()
        instance = self._pick_instance(which, launched_only=True)
        assert instance is not None
        request: dict[str, Any] = {"InstanceId": instance.instance_id}
        if force:
            request["Force"] = True
        answer = self.call(sdk, "DeleteInstance", **request)
        if self.was_injected:
            return
        allowed = ("Stopped", "Running") if force else ("Stopped",)
        if instance.status not in allowed:
            assert isinstance(answer, ApiFailure), f"deleted a {instance.status} instance"
            assert answer.code == "IncorrectInstanceStatus", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        del self.instances[instance.instance_id]
        for eni in [e for e in self.model.values() if e.instance_id == instance.instance_id]:
            if eni.type == "Primary" or eni.delete_on_release:
                for eip in self.eip_on(eni.eni_id).values():  # unassociated first
                    self.finish_eip(eip, "Available")
                self.forget_eni(eni.eni_id)
            else:
                eni.status, eni.instance_id, eni.pending = "Available", "", None

    @precondition(lambda self: any(e.instance_id for e in self.model.values()))
    @rule(sdk=SDK, which=st.integers(0, 9))
    def fill_addresses(self, sdk: str, which: int) -> None:
        """One address past an attached ENI's EniPrivateIpAddressQuantity is refused; up to
        it is handed out."""
        self.settle_model()
        attached = [e for e in self.model.values() if e.instance_id and self.address_ready(e)]
        if not attached:
            return
        eni = attached[which % len(attached)]
        limit = self.ipv4_limit(eni)
        missing = limit - len(eni.addresses) - len(eni.prefixes4)
        if missing + 1 > self.room(eni.vswitch_id):
            return
        answer = self.call(
            sdk,
            "AssignPrivateIpAddresses",
            NetworkInterfaceId=eni.eni_id,
            SecondaryPrivateIpAddressCount=missing + 1,
        )
        if self.was_injected:
            return
        assert isinstance(answer, ApiFailure), f"{eni.eni_id} went past {limit} addresses"
        assert answer.code == "InvalidOperation.Ipv4CountExceeded", answer
        if missing <= 0:
            return
        answer = self.call(
            sdk,
            "AssignPrivateIpAddresses",
            NetworkInterfaceId=eni.eni_id,
            SecondaryPrivateIpAddressCount=missing,
        )
        if self.was_injected:
            return
        assert not isinstance(answer, ApiFailure), f"refused up to the limit {limit}: {answer}"
        added = answer["AssignedPrivateIpAddressesSet"]["PrivateIpSet"]["PrivateIpAddress"]
        assert len(added) == missing and not set(added) & self.taken4(), added
        eni.addresses += added
